import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes of the registry routes, for the OpenAPI document only.

export class NameView {
  @ApiProperty({ example: '批发和零售业' }) zh!: string;
  @ApiProperty({ example: 'Wholesale and retail trade' }) en!: string;
}

export class IndustryNameView {
  @ApiProperty({ example: 'F' }) section!: string;
  @ApiProperty({ type: NameView }) sectionName!: NameView;
  @ApiProperty({ type: String, nullable: true, example: '51' }) division!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '批发业' }) divisionName!: string | null;
}

export class EnterpriseView {
  @ApiProperty({ example: '91330106MA2B3C4D5E' }) uscc!: string;
  @ApiProperty({ example: '杭州西湖明辉贸易有限公司' }) name!: string;
  @ApiProperty({ example: '330106' }) regionCode!: string;
  @ApiProperty({ type: String, nullable: true, example: '浙江省杭州市西湖区' })
  regionName!: string | null;
  @ApiProperty({ example: 'F5191' }) industryCode!: string;
  @ApiProperty({
    type: IndustryNameView,
    nullable: true,
    description: 'GB/T 4754-2017 names (config/industries.yaml)',
  })
  industryName!: IndustryNameView | null;
  @ApiProperty({ example: '有限责任公司' }) type!: string;
  @ApiProperty({ example: '5000000.00', description: 'CNY as a decimal string' })
  registeredCapital!: string;
  @ApiProperty({ format: 'date', example: '2015-05-01' }) establishedOn!: string;
  @ApiProperty({ example: 'ACTIVE' }) status!: string;
  @ApiProperty({ format: 'date-time' }) inputsChangedAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CreditRecordView {
  @ApiProperty({ example: 1042 }) id!: number;
  @ApiProperty({ example: 'PENALTY' }) kind!: string;
  @ApiProperty({ format: 'date', example: '2025-03-02' }) occurredOn!: string;
  @ApiProperty({ example: 'ACTIVE' }) status!: string;
  @ApiPropertyOptional({ example: 'GENERAL' }) severity?: string;
  @ApiPropertyOptional({ example: '20000.00', description: 'CNY as a decimal string' })
  amount?: string;
  @ApiPropertyOptional() violationType?: string;
  @ApiPropertyOptional() restrictive?: boolean;
  @ApiPropertyOptional({ format: 'date' }) restrictionEndsOn?: string;
  @ApiPropertyOptional({ example: 'FOOD' }) field?: string;
  @ApiPropertyOptional({ example: '330106' }) authorityRegion?: string;
  @ApiPropertyOptional({ format: 'date' }) publicityFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) suspendedFrom?: string;
  @ApiPropertyOptional({ format: 'date' }) suspendedUntil?: string;
  @ApiPropertyOptional() suspensionDocumentNo?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional() result?: string;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional() year?: number;
  @ApiPropertyOptional() rating?: string;
  @ApiPropertyOptional() documentNo?: string;
  @ApiPropertyOptional() reference?: string;
  @ApiPropertyOptional() relatedRecordId?: number;
  @ApiPropertyOptional({ format: 'date', description: 'the last day it is published' })
  publicUntil?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PersonLinkView {
  @ApiProperty({ description: 'hash of the identity number, never the number' }) idHash!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'LEGAL_REPRESENTATIVE' }) role!: string;
}

export class PersonLinksView {
  @ApiProperty() uscc!: string;
  @ApiProperty({ type: [PersonLinkView] }) persons!: PersonLinkView[];
}

export class ImportAcceptedView {
  @ApiProperty({ example: 12 }) id!: number;
  @ApiProperty({ example: 'queued' }) status!: string;
}

export class ImportRejectionView {
  @ApiProperty({ example: 17 }) line!: number;
  @ApiProperty({ example: 'regionCode must be 6 digits' }) reason!: string;
}

export class ImportView {
  @ApiProperty() id!: number;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ enum: ['api', 'cli'] }) source!: string;
  @ApiProperty() lines!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty() enterprises!: number;
  @ApiProperty() records!: number;
  @ApiProperty() recordsSkipped!: number;
  @ApiProperty() persons!: number;
  @ApiProperty() inputsChanged!: number;
  @ApiProperty() bytesTotal!: number;
  @ApiProperty() bytesRead!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ type: Number, nullable: true }) linesPerSecond!: number | null;
  @ApiProperty() requestedBy!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: [ImportRejectionView], description: 'the first rejected lines' })
  rejections!: ImportRejectionView[];
  @ApiProperty() rejectionsTruncated!: boolean;
}

export class ImportRejectionsPageView {
  @ApiProperty({ type: [ImportRejectionView] }) items!: ImportRejectionView[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty() totalRejected!: number;
}

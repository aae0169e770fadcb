import { HttpException, HttpStatus } from '@nestjs/common';

/** One entry of `details`: a bad field, or an unmet business condition. */
export interface ErrorDetail {
  field?: string;
  code?: string;
  message?: string;
  [key: string]: unknown;
}

/** The error body of api.md: `{statusCode, error, message, details?}`. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: ErrorDetail[];
}

/** 422: a business rule refused the request; details list each unmet condition by code. */
export class BusinessRuleException extends HttpException {
  constructor(message: string, details: ErrorDetail[]) {
    super({ message, details }, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

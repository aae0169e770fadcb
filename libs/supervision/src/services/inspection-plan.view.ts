import { PlanHeader, PlanItem } from './inspection-plan.repository';

export type DrawnEnterpriseView = Omit<PlanItem, 'enterpriseId'>;

/** A plan as the API returns it: the draw's parameters, its snapshot sizes and the drawn list. */
export interface InspectionPlanView extends PlanHeader {
  drawn: DrawnEnterpriseView[];
}

export function inspectionPlanView(
  header: PlanHeader,
  items: readonly PlanItem[],
): InspectionPlanView {
  return {
    ...header,
    // The internal enterprise id is not part of the contract; the USCC is.
    drawn: items.map(({ enterpriseId: _, ...item }) => ({
      ...item,
      // A fresh draw has no results yet; a stored plan reads them back.
      result: item.result ?? null,
      inspectedOn: item.inspectedOn ?? null,
    })),
  };
}

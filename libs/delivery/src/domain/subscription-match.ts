/** What a subscription asks for: null means every event type, every region. */
export interface SubscriptionFilter {
  events: string[] | null;
  regions: string[] | null;
}

/**
 * Whether an event goes to a subscription. Regions are GB/T 2260 codes of any
 * level: "33" is the province, "3301" the city, "330114" the district.
 */
export function subscriptionWants(
  filter: SubscriptionFilter,
  event: { type: string; regionCode: string },
): boolean {
  if (filter.events && !filter.events.includes(event.type)) return false;
  if (filter.regions && !filter.regions.some((r) => event.regionCode.startsWith(r))) return false;
  return true;
}

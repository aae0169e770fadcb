export { EnterpriseDetail } from './detail';
export { EnterpriseSearch } from './search';

/** Where the embedded provider is mounted on the API's port; the issuer is `<PUBLIC_URL>/idp`. */
export const IDP_PATH = '/idp';
/** The scope of this API as a resource server. */
export const API_SCOPE = 'api';

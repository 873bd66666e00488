export { AdminService, API_KEY_NAME, secretName, type AdminServiceDeps } from './admin-service';
export { AdminHttpClient, type FetchPort } from './admin-http-client';
export { AdminClientError, PROBLEM_MESSAGES, type AdminErrorCode } from './admin-client-error';
export { normalizeServerUrl, isLoopbackHost } from './server-url';

export { CodesService, type CodesVault } from './codes-service';

export { AppConfig, type DatabaseMode, type DatabaseSettings, type JobsMode, type JobsSettings, type MailSettings } from './app-config';
export { ConfigModule } from './config.module';
export { ConfigError, loadConfig, type LoadedConfig } from './load-config';

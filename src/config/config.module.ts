import { type DynamicModule, Global, Module } from '@nestjs/common';
import { RuntimeInfo } from '../common/process-role';
import { AppConfig } from './app-config';

/** Provides the configuration validated at boot (nothing else reads the environment) and the process role. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, runtime: RuntimeInfo): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: RuntimeInfo, useValue: runtime },
      ],
      exports: [AppConfig, RuntimeInfo],
    };
  }
}

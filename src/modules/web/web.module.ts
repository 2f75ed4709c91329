import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { SecurityHeadersMiddleware } from './security-headers.middleware';
import { WebAppMiddleware } from './web-app.middleware';

/** Security headers for every answer, and the tablet web app (built into `web/dist`) at `/`. */
@Module({})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecurityHeadersMiddleware, WebAppMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}

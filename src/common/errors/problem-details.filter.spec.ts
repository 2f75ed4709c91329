import { Controller, Get, type LoggerService, Logger, NotFoundException } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { CommonError, CommonErrorCode } from './common-errors';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('boom')
class BoomController {
  @Get('unexpected')
  unexpected(): never {
    throw new Error('secret internals: connection string postgres://u:p@db');
  }

  @Get('domain')
  domain(): never {
    throw new CommonError(CommonErrorCode.Conflict, 'Déjà fait.');
  }

  @Get('http')
  http(): never {
    throw new NotFoundException('internal message');
  }
}

describe('ProblemDetailsFilter', () => {
  let app: NestExpressApplication;
  const errors: unknown[][] = [];
  const capture: LoggerService = { log: () => undefined, warn: () => undefined, error: (...args: unknown[]) => { errors.push(args); } };

  beforeAll(async () => {
    Logger.overrideLogger(capture);
    const moduleRef = await Test.createTestingModule({
      controllers: [BoomController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: capture });
    app.use((req: { id?: string }, _res: unknown, next: () => void) => { req.id = 'req-42'; next(); });
    await app.init();
  });
  afterAll(() => app.close());

  it('answers an unexpected error with a 500 carrying only the correlation id, and logs it with that id', async () => {
    const response = await request(app.getHttpServer()).get('/boom/unexpected').expect(500);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(response.text) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['correlationId', 'detail', 'instance', 'status', 'title', 'type']);
    expect(body).toMatchObject({ type: 'https://parapheur.fr/problems/internal-error', status: 500, correlationId: 'req-42' });
    expect(response.text).not.toContain('secret internals');
    expect(JSON.stringify(errors)).toContain('req-42');
  });

  it('answers a domain error with its status and code', async () => {
    const response = await request(app.getHttpServer()).get('/boom/domain').expect(409);
    expect(JSON.parse(response.text)).toMatchObject({ type: 'https://parapheur.fr/problems/conflict', detail: 'Déjà fait.', instance: '/boom/domain' });
  });

  it('answers a framework HTTP exception with the stable type for its status, not its internal message', async () => {
    const response = await request(app.getHttpServer()).get('/boom/http?x=1').expect(404);
    expect(JSON.parse(response.text)).toMatchObject({ type: 'https://parapheur.fr/problems/not-found', instance: '/boom/http' });
    expect(response.text).not.toContain('internal message');
  });
});

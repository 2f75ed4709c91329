import { Controller, Get, Header, HttpCode, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config';
import { IparapheurSoapService } from './iparapheur-soap.service';
import { SOAP_PATHS } from './soap-paths';
import { SoapBasicAuthGuard, type SoapRequest, SoapUnauthorizedFilter } from './soap/basic-auth.guard';
import { buildWsdl } from './soap/wsdl';

const XML = 'text/xml; charset=utf-8';

/** The i-Parapheur-compatible SOAP endpoint. Described by its own WSDL (`?wsdl`), so left out of the OpenAPI contract. */
@ApiExcludeController()
@Controller()
export class IparapheurController {
  constructor(
    private readonly soap: IparapheurSoapService,
    private readonly config: AppConfig,
  ) {}

  /** `?wsdl`: the WSDL, whose address is the path it was asked on. */
  @Get(SOAP_PATHS)
  describe(@Req() request: Request, @Res() response: Response): void {
    if (!Object.prototype.hasOwnProperty.call(request.query, 'wsdl')) {
      response.type('text/plain; charset=utf-8').send('Point d’accès SOAP compatible i-Parapheur : envoyez vos requêtes en POST. Description : ?wsdl');
      return;
    }
    response.type(XML).send(buildWsdl(`${this.config.publicUrl}${request.path}`));
  }

  @Post(SOAP_PATHS)
  @HttpCode(200)
  @Header('Content-Type', XML)
  @UseGuards(SoapBasicAuthGuard)
  @UseFilters(SoapUnauthorizedFilter)
  call(@Req() request: SoapRequest): Promise<string> {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return this.soap.handle(request.auth!, request.soapLogin ?? '', body, request.headers['content-type'] ?? 'text/xml');
  }
}

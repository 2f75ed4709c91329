import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ValidationController } from './validation.controller';
import { ValidationService } from './validation.service';

/** POST /api/v1/validation: a validation report (JSON or French PDF) of any signed PDF. */
@Module({
  imports: [AuthModule],
  controllers: [ValidationController],
  providers: [ValidationService],
  exports: [ValidationService],
})
export class ValidationModule {}

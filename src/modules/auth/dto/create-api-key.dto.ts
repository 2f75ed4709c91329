import { ApiProperty } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsString, Length } from 'class-validator';
import { ApiScope } from '../../../common/auth';

export class CreateApiKeyDto {
  @ApiProperty({ description: 'Label to recognise the key', minLength: 1, maxLength: 100, example: 'Logiciel de gestion des délibérations' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: 'Scopes granted to the key', enum: ApiScope, enumName: 'ApiScope', isArray: true, example: [ApiScope.FoldersRead, ApiScope.FoldersWrite] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(ApiScope, { each: true })
  scopes!: ApiScope[];
}

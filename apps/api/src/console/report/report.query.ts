import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsAcademieCode, IsKnowledgeTime } from '../../regulation/http/validators';

export class ReportQuery {
  @ApiPropertyOptional({
    description:
      'Knowledge time: what the registry knew then (a date includes its whole day). Default: the instant of production, printed on the report.',
    example: '2021-12-15',
  })
  @IsOptional()
  @IsKnowledgeTime()
  knownAt?: string;

  @ApiPropertyOptional({
    description: 'Académie code: its narrowed windows and its sessions only',
    example: '24',
  })
  @IsOptional()
  @IsAcademieCode()
  academie?: string;
}

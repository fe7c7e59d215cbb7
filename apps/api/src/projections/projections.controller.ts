import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionsService } from './projections.service';

@ApiTags('operations')
@Controller('projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @ApiOperation({ summary: 'Each projection with its checkpoint and how far behind the log it is' })
  async list() {
    return { projections: await this.projections.status() };
  }
}

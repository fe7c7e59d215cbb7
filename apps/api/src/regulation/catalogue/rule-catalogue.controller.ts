import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RULE_CATALOGUE } from '@pix-ledger/domain';
import { Allow } from '../../auth/access/access.decorators';
import { anyRole } from '../../auth/access/grants';

/** The rule keys texts can enact: meaning, unit, populations and the texts that set them. */
@ApiTags('regulation')
@Controller('rule-catalogue')
export class RuleCatalogueController {
  @Get()
  @Allow(anyRole)
  @ApiOperation({
    summary: 'The documented rule catalogue (stable keys, meaning, unit, texts that set them)',
  })
  list() {
    return {
      rules: Object.entries(RULE_CATALOGUE).map(([key, definition]) => ({ key, ...definition })),
    };
  }
}

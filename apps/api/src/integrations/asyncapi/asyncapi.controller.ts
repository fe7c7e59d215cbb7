import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { eventCatalogue } from '@pix-ledger/domain/catalogue';
import { asyncApiDocument, asyncApiYaml } from './asyncapi-document';
import { Public } from '../../auth/access/access.decorators';

/** The AsyncAPI document, built from the same catalogue as docs/asyncapi.yaml. */
@ApiTags('integrations')
@Public()
@Controller('docs')
export class AsyncApiController {
  private readonly yaml = asyncApiYaml(eventCatalogue);
  private readonly json = asyncApiDocument(eventCatalogue);

  @Get('asyncapi')
  @Header('Content-Type', 'application/yaml; charset=utf-8')
  @ApiProduces('application/yaml')
  @ApiOperation({ summary: 'AsyncAPI 3 document of the feed and webhooks (YAML; .json for JSON)' })
  yamlDocument(): string {
    return this.yaml;
  }

  @Get('asyncapi.json')
  @ApiOperation({ summary: 'The same AsyncAPI document as JSON' })
  jsonDocument() {
    return this.json;
  }
}

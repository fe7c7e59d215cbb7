import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CreateSubscriptionDto, ReplayDto } from './create-subscription.dto';
import { expectedRevisionOf, setRevisionETag } from './revision-headers';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { Allow } from '../../auth/access/access.decorators';
import { national } from '../../auth/access/grants';

@ApiTags('integrations')
// Subscriptions are administered nationally; an integration reads the feed of its categories.
@Allow(national)
@Controller('subscriptions')
export class WebhookSubscriptionsController {
  constructor(private readonly subscriptions: WebhookSubscriptionsService) {}

  @Post()
  @ApiOperation({
    summary:
      'Subscribe a URL to signed webhook deliveries (CloudEvents, one per POST, in log order)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @Body() dto: CreateSubscriptionDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const created = await this.subscriptions.create(dto, {
      idempotencyKey: idempotencyKey || undefined,
    });
    setRevisionETag(res, created.revision);
    res.setHeader('Location', `/subscriptions/${created.id}`);
    return this.subscriptions.get(created.id);
  }

  @Get()
  @ApiOperation({ summary: 'Every subscription with its delivery state' })
  async list() {
    return { subscriptions: await this.subscriptions.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A subscription: status, checkpoint, failures and dead letters' })
  async get(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    const view = await this.subscriptions.get(id);
    setRevisionETag(res, view.revision);
    return view;
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deliver again from a global position (inclusive), dead letters included',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Revision last seen (ETag)' })
  async replay(
    @Param('id') id: string,
    @Body() dto: ReplayDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.subscriptions.replay(id, dto.fromPosition, {
      expectedRevision: expectedRevisionOf(ifMatch),
    });
    setRevisionETag(res, result.revision);
    return result;
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Cancel a subscription: no more deliveries' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'Revision last seen (ETag)' })
  async cancel(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.subscriptions.cancel(id, {
      expectedRevision: expectedRevisionOf(ifMatch),
    });
    setRevisionETag(res, result.revision);
    return result;
  }
}

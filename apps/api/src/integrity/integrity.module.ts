import { Module } from '@nestjs/common';
import { IntegrityController } from './integrity.controller';

/** GET /integrity and its export (the chain itself is kept by the SQLite adapter). */
@Module({ controllers: [IntegrityController] })
export class IntegrityModule {}

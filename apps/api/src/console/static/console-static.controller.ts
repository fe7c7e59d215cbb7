import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { consoleDir } from './console-dir';
import { Public } from '../../auth/access/access.decorators';

const ASSET_NAME = /^[\w-]+(\.[\w-]+)*$/;

const NOT_BUILT = `<!doctype html><html lang="fr"><meta charset="utf-8"><title>pix-ledger</title>
<p>La console d'audit n'est pas construite : lancez <code>npm run build</code> (ou <code>npm start</code>).
L'API reste disponible : <a href="/docs">/docs</a>, <a href="/health">/health</a>, <a href="/events">/events</a>.</p></html>`;

/**
 * Serves the audit console (apps/console, built by Vite) at `/` and its hashed assets under
 * `/assets/`. Only these two routes: every other path stays the API's.
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleStaticController {
  @Get()
  index(@Res() res: Response): void {
    const dir = consoleDir();
    if (!dir) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dir, 'index.html'));
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    const dir = consoleDir();
    const path = dir && ASSET_NAME.test(name) ? join(dir, 'assets', name) : undefined;
    if (!path || !existsSync(path)) throw new NotFoundException(`No console asset ${name}`);
    // Vite puts a content hash in every asset name: a name never changes content.
    res.sendFile(path, { maxAge: '365d', immutable: true });
  }
}

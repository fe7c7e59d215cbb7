import type {
  AbrogateRegulatoryText,
  AmendRegulatoryText,
  PublishRegulatoryText,
  RecordRegulatoryTextErratum,
  RuleChangeInput,
  TextScope,
} from '@pix-ledger/domain';
import type {
  AbrogateTextDto,
  AmendTextDto,
  PublishTextDto,
  RuleChangeDto,
  TextErratumDto,
} from './text-commands.dto';

/** HTTP bodies to domain commands. The deciders check the rest (dates in order, rule keys…). */
type Unresolved<T> = Omit<T, 'referencedTexts'>;

function scopeOf(dto: PublishTextDto['scope']): TextScope {
  return dto.level === 'academie'
    ? { level: 'academie', academie: dto.academie ?? '' }
    : { level: 'national' };
}

export function publishTextCommand(body: PublishTextDto): PublishRegulatoryText {
  return { type: 'PublishRegulatoryText', ...body, scope: scopeOf(body.scope) };
}

function ruleChange(change: RuleChangeDto): RuleChangeInput {
  if (change.op === 'set') {
    const rule = change.rule ?? { key: '', value: '' };
    return { op: 'set', rule: { ...rule, inForceFrom: rule.inForceFrom as string } };
  }
  return {
    op: 'remove',
    key: change.key ?? '',
    population: change.population,
    inForceFrom: change.inForceFrom ?? '',
  };
}

export function amendTextCommand(
  textId: string,
  body: AmendTextDto,
): Unresolved<AmendRegulatoryText> {
  return { type: 'AmendRegulatoryText', textId, ...body, changes: body.changes.map(ruleChange) };
}

export function abrogateTextCommand(
  textId: string,
  body: AbrogateTextDto,
): Unresolved<AbrogateRegulatoryText> {
  return { type: 'AbrogateRegulatoryText', textId, ...body };
}

export function textErratumCommand(
  textId: string,
  body: TextErratumDto,
): RecordRegulatoryTextErratum {
  return { type: 'RecordRegulatoryTextErratum', textId, ...body };
}

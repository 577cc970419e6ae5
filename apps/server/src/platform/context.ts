import type { Actor } from './policy.ts';

/** What a service needs to know about the request it serves; jobs and the CLI build one too. */
export type RequestContext = {
  actor: Actor;
  ip: string | null;
  requestId: string | null;
  locale: 'zh-CN' | 'en-US';
};

export function systemContext(actor: Actor, requestId: string | null = null): RequestContext {
  return { actor, ip: null, requestId, locale: 'zh-CN' };
}

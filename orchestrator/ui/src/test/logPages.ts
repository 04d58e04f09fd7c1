import type { LogPage } from '../api/logs';
import type { StubReply } from './fetchStub';

/** The logs endpoint's answer to a page request, as a whole finished log of `text` (ASCII: a character is a byte). */
export function logPageReply(text: string): StubReply {
  const page: LogPage = { offset: 0, next: text.length, size: text.length, writing: false, text };
  return { body: page };
}

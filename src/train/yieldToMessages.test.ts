import { describe, expect, it } from 'vitest';
import { yieldToMessages } from './yieldToMessages';

describe('yieldToMessages', () => {
  it('resolves only after a message queued before it was handled', async () => {
    const handled: string[] = [];
    const other = new MessageChannel();
    other.port1.onmessage = (event: MessageEvent<string>) => handled.push(event.data);
    other.port2.postMessage('pause');
    expect(handled).toEqual([]);
    await yieldToMessages();
    expect(handled).toEqual(['pause']);
    other.port1.close();
  });
});

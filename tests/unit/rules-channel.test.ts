import { describe, expect, it } from 'vitest';
import type { LoadedRules } from '../../src/rules/loaded.js';
import { RulesPublisher, receiveRules, rulesChannelName } from '../../src/rules-channel.js';

const rules = { rules: { hash: 'abc', dir: 'rules' }, dates: { vocabulary: {} } } as unknown as LoadedRules;

describe('rules channel (main thread -> worker threads)', () => {
  it('gives the rules to a worker that subscribed before they were published', async () => {
    const name = rulesChannelName('early');
    const publisher = new RulesPublisher(name);
    const got = receiveRules(name);
    publisher.publish(rules);
    await expect(got).resolves.toEqual(rules);
    publisher.close();
  });

  it('gives the rules to a worker that subscribed after they were published (it asks)', async () => {
    const name = rulesChannelName('late');
    const publisher = new RulesPublisher(name);
    publisher.publish(rules);
    await new Promise((r) => setTimeout(r, 20));
    const [a, b] = await Promise.all([receiveRules(name), receiveRules(name)]);
    expect(a).toEqual(rules);
    expect(b).toEqual(rules);
    publisher.close();
  });

  it('keeps runs apart: a worker of one run never gets another run\'s rules', async () => {
    const mine = new RulesPublisher(rulesChannelName('run-a'));
    const other = new RulesPublisher(rulesChannelName('run-b'));
    other.publish({ ...rules, rules: { ...rules.rules, hash: 'other' } } as LoadedRules);
    const got = receiveRules(rulesChannelName('run-a'));
    await new Promise((r) => setTimeout(r, 20));
    mine.publish(rules);
    expect((await got).rules.hash).toBe('abc');
    mine.close();
    other.close();
  });
});

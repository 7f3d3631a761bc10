/** The services features hand one another (src/feature.ts): a wrong registration order fails at activation, not later. */
import assert from 'node:assert/strict';
import { serviceRegistry } from '../../src/feature';

interface Services {
  readonly clock: { now(): number };
  readonly greeting: string;
}

describe('feature services', () => {
  it('gives a later feature the service an earlier one provided', () => {
    const ctx = serviceRegistry<Services>();
    const clock = { now: () => 42 };
    ctx.provide('clock', clock);
    assert.equal(ctx.need('clock'), clock);
    assert.equal(ctx.need('clock').now(), 42);
  });

  it('throws, naming the service, when a feature needs one not provided yet', () => {
    const ctx = serviceRegistry<Services>();
    ctx.provide('clock', { now: () => 0 });
    assert.throws(() => ctx.need('greeting'), /the greeting service is needed before the feature providing it is registered/);
  });

  it('refuses a second provider of the same service', () => {
    const ctx = serviceRegistry<Services>();
    ctx.provide('greeting', 'hello');
    assert.throws(() => ctx.provide('greeting', 'again'), /the greeting service is provided twice/);
    assert.equal(ctx.need('greeting'), 'hello');
  });
});

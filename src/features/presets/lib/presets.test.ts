import { describe, expect, it } from 'vitest';
import { presetFragment, presetIdOf } from './preset-link.ts';
import { PRESET_GROUPS, PRESETS, presetById, searchPresets } from './presets.ts';

/** Sentences: text up to a full stop, question or exclamation mark before a space or the end. */
const sentences = (text: string): number => text.split(/(?<=[.!?])\s+(?=[A-Z"'`])/).length;

describe('the presets', () => {
  it('are at least 40, each with a story of two sentences, what to notice and the fix', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(40);
    for (const { id, lesson } of PRESETS) {
      expect(sentences(lesson.story), `${id}: ${lesson.story}`).toBe(2);
      expect(lesson.notice, id).not.toBe('');
      expect(lesson.fix, id).not.toBe('');
    }
  });

  it('fill every group, in order, with ids a link can hold as they are', () => {
    expect([...new Set(PRESETS.map((preset) => preset.group))]).toEqual(
      PRESET_GROUPS.map((group) => group.id),
    );
    for (const { id } of PRESETS) expect(id).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+$/);
    expect(new Set(PRESETS.map((preset) => preset.id)).size).toBe(PRESETS.length);
  });

  it('load the first step: its request and the server it meets', () => {
    const preset = presetById('preflights/authorization-not-allowed');
    expect(preset?.state.request).toMatchObject({
      method: 'GET',
      headers: [['Authorization', 'Bearer eyJhbGciOi']],
    });
    expect(preset?.state.config).toMatchObject({
      version: 1,
      cors: { allowMethods: ['GET', 'PUT'] },
    });
  });
});

describe('searchPresets', () => {
  it('finds the presets holding every word, in any field and case', () => {
    const ids = searchPresets(PRESETS, 'Allow-Origin SLASH').map((preset) => preset.id);
    expect(ids).toContain('first-request/trailing-slash');
    expect(ids.every((id) => presetById(id) !== undefined)).toBe(true);
    expect(searchPresets(PRESETS, 'webhook failed to fetch').map((preset) => preset.id)).toContain(
      'webhooks/webhook-from-page',
    );
  });

  it('gives all for an empty query and none for a word no preset has', () => {
    expect(searchPresets(PRESETS, '  ')).toHaveLength(PRESETS.length);
    expect(searchPresets(PRESETS, 'xylophone')).toEqual([]);
  });
});

describe('preset links', () => {
  it('name a preset in the fragment, apart from share links', () => {
    expect(presetFragment('redirects/preflight-redirect')).toBe(
      '#preset=redirects/preflight-redirect',
    );
    expect(presetIdOf('#preset=redirects/preflight-redirect')).toBe('redirects/preflight-redirect');
    expect(presetIdOf('#share=v1.abc')).toBeUndefined();
    expect(presetIdOf('')).toBeUndefined();
  });
});

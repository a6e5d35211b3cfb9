import { describe, expect, it } from 'vitest';
import { isCorsSafelistedMethod, isForbiddenMethod, isMethod, normalizeMethod } from './method.ts';

describe('CORS-safelisted method', () => {
  it.each<[string, boolean]>([
    ['GET', true],
    ['HEAD', true],
    ['POST', true],
    ['PUT', false],
    ['OPTIONS', false],
    // Compared case-sensitively: normalization has already upper-cased get/head/post.
    ['post', false],
  ])('%s: %s', (method, expected) => {
    expect(isCorsSafelistedMethod(method)).toBe(expected);
  });
});

describe('forbidden method', () => {
  it.each<[string, boolean]>([
    ['CONNECT', true],
    ['trace', true],
    ['Track', true],
    ['PATCH', false],
  ])('%s: %s', (method, expected) => {
    expect(isForbiddenMethod(method)).toBe(expected);
  });
});

describe('normalize', () => {
  it.each<[string, string]>([
    ['put', 'PUT'],
    ['delete', 'DELETE'],
    ['Options', 'OPTIONS'],
    ['get', 'GET'],
    // Only the six: patch keeps its case, and its preflight names it `patch`.
    ['patch', 'patch'],
    ['CHICKEN', 'CHICKEN'],
  ])('%s becomes %s', (method, expected) => {
    expect(normalizeMethod(method)).toBe(expected);
  });

  it('a method is a token', () => {
    expect(isMethod('PATCH')).toBe(true);
    expect(isMethod('G T')).toBe(false);
    expect(isMethod('')).toBe(false);
  });
});

// @ts-check
// A local rule rather than a plugin: the usual import plugins pull in a native resolver
// whose platform packages npm leaves out of the lock file, which breaks `npm ci`.
import { dirname, relative, resolve } from 'node:path';

/**
 * @typedef {{ target: string[]; from: string[]; except?: string[]; message: string }} Zone
 * Paths are relative to the repository root, without a leading './'.
 */

/** @param {string} path @param {string} folder */
const inside = (path, folder) => path === folder || path.startsWith(`${folder}/`);

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps imports flowing one way between the folders of the repository.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, zones: { type: 'array' } },
        required: ['root', 'zones'],
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const { root, zones } = /** @type {{ root: string; zones: Zone[] }} */ (context.options[0]);
    const file = relative(root, context.filename).split('\\').join('/');
    const applicable = zones.filter((zone) => zone.target.some((target) => inside(file, target)));
    if (applicable.length === 0) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const imported = relative(root, resolve(dirname(context.filename), source))
        .split('\\')
        .join('/');
      for (const zone of applicable) {
        const barred = zone.from.some((from) => inside(imported, from));
        const excepted = (zone.except ?? []).some((except) => inside(imported, except));
        if (barred && !excepted) {
          context.report({ node, message: `${zone.message} (${file} imports ${imported})` });
        }
      }
    };

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => check(node, node.source?.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) =>
        check(node, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};

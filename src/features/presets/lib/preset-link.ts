/**
 * A preset's link: `#preset=<group>/<name>`, in the fragment like a share link
 * (`#share=v1.…`, src/lib/share-link.ts), which the two tell apart by key. A preset link holds
 * only the id, so a teacher's link stays short and follows the preset as it is improved.
 */
const FRAGMENT_KEY = '#preset=';

/** The preset id a URL fragment names, or undefined when it is not a preset link. */
export function presetIdOf(fragment: string): string | undefined {
  if (!fragment.startsWith(FRAGMENT_KEY)) return undefined;
  return fragment.slice(FRAGMENT_KEY.length);
}

/** The fragment naming a preset. */
export function presetFragment(id: string): string {
  // The ids are [a-z0-9-]+/[a-z0-9-]+, which need no escaping: the link reads as it is.
  return `${FRAGMENT_KEY}${id}`;
}

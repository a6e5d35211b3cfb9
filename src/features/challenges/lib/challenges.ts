import { parseScenario } from '../../../scenario/scenario.ts';
import { stateOf, type PlaygroundState } from '../../../scenario/scenario-file.ts';
import type { GoalCheck } from './goal.ts';

/**
 * The challenge files: challenges/<id>.scenario.json, whose first step is where the
 * challenge starts and whose second, a minimal correct answer, `npm run test:scenarios`
 * plays in Chromium (so every challenge is proven solvable). Bundled in the challenges' chunk.
 */
const files = import.meta.glob<unknown>('../../../../challenges/*.scenario.json', {
  eager: true,
  import: 'default',
});

interface ChallengeText {
  /** What to make happen, changing only the server. */
  goal: string;
  checks: readonly GoalCheck[];
  hints: readonly string[];
  /** What a minimal correct answer looks like, shown after success. */
  answer: string;
}

/** The challenges' words, by file id: from simple to credentials and redirects. */
const TEXTS: Readonly<Record<string, ChallengeText>> = {
  '01-first-get': {
    goal: 'The products page fetches a public list from another origin. Make the server let the page read it.',
    checks: ['fetch-resolves'],
    hints: [
      'The request reached the server: what the browser misses is one response header.',
      'A public API that needs no cookies may answer any origin.',
    ],
    answer:
      'Access-Control-Allow-Origin: * on the response, fit for a public list only since it lets every site read it; or the page’s exact origin.',
  },
  '02-only-this-origin': {
    goal: 'The API allows only the production frontend. Let this page in too, naming its origin: * does not count.',
    checks: ['fetch-resolves', 'only-page-origin'],
    hints: [
      'Look at the Origin header the browser sent: that is the value to send back.',
      'Pick "The page\'s origin", or an allow-list holding it, not "Any origin".',
    ],
    answer:
      'Access-Control-Allow-Origin set to the page’s origin, from an allow-list, with Vary: Origin.',
  },
  '03-trailing-slash': {
    goal: 'Someone pasted the frontend’s URL into the CORS setting. Fix it, still naming the page’s origin.',
    checks: ['fetch-resolves', 'only-page-origin'],
    hints: ['Compare the header’s value with the Origin the browser sent, character by character.'],
    answer: 'The origin without the trailing slash: scheme://host:port.',
  },
  '04-json-post': {
    goal: 'The sign-up form now posts JSON, and the preflight refuses it. Accept it, allowing only the page’s origin.',
    checks: ['fetch-resolves', 'only-page-origin'],
    hints: [
      'Which request header made this a preflighted request? The preflight’s Access-Control-Request-Headers says.',
      'Access-Control-Allow-Headers must name it.',
    ],
    answer: 'Access-Control-Allow-Headers: Content-Type, with the page’s origin allowed.',
  },
  '05-options-handler': {
    goal: 'The cron-job API has no OPTIONS route, so the dashboard’s JSON POST never goes out. Answer the preflight.',
    checks: ['fetch-resolves', 'only-page-origin'],
    hints: [
      'Open the server’s Preflight (OPTIONS) section: how is OPTIONS answered now?',
      'A preflight needs a 2xx status and the CORS headers.',
    ],
    answer:
      'Answer OPTIONS with 204 and Access-Control-Allow-Origin (the page’s), -Methods: POST and -Headers: Content-Type.',
  },
  '06-put-with-authorization': {
    goal: 'Make the dashboard’s PUT with Authorization work, allowing only its origin, without *.',
    checks: ['fetch-resolves', 'only-page-origin', 'no-wildcard'],
    hints: [
      'The preflight asks for a method and two headers: the answer must allow each.',
      '* in Access-Control-Allow-Origin is not allowed here, and * in Allow-Headers never covers Authorization anyway.',
    ],
    answer:
      'The page’s origin, Access-Control-Allow-Methods: PUT and Access-Control-Allow-Headers: Authorization, Content-Type.',
  },
  '07-lowercase-patch': {
    goal: 'The page sends method "patch" in lower case and you cannot change the page today. Let it through from the server.',
    checks: ['fetch-resolves'],
    hints: [
      'Look at Access-Control-Request-Method in the preflight: its case is kept.',
      'Methods are compared case-sensitively.',
    ],
    answer:
      'List "patch" as written in Access-Control-Allow-Methods (and fix the page to send PATCH when you can).',
  },
  '08-expose-headers': {
    goal: 'The client library needs ETag, Link and X-RateLimit-Remaining. Let JavaScript read all three.',
    checks: ['fetch-resolves', { reads: ['ETag', 'Link', 'X-RateLimit-Remaining'] }],
    hints: [
      'The headers arrive; JavaScript just may not read them. Which header lists what it may?',
    ],
    answer: 'Access-Control-Expose-Headers: ETag, Link, X-RateLimit-Remaining.',
  },
  '09-one-allow-origin': {
    goal: 'Both the app and its proxy add Access-Control-Allow-Origin. Make one line arrive, naming the page.',
    checks: ['fetch-resolves', 'only-page-origin'],
    hints: ['The response is written raw (Advanced: raw responses): look at its header lines.'],
    answer:
      'One Access-Control-Allow-Origin line with the page’s origin: CORS set in one place only.',
  },
  '10-credentials': {
    goal: "The page sends the session cookie (credentials: 'include'). Make it work without *.",
    checks: ['fetch-resolves', 'only-page-origin', 'no-wildcard'],
    hints: [
      'With credentials the origin must be named exactly.',
      'A second header must say that credentials are allowed.',
    ],
    answer: 'The page’s origin and Access-Control-Allow-Credentials: true (with Vary: Origin).',
  },
  '11-redirect-hop': {
    goal: 'A redirect in front of the API carries no CORS headers. Let the request through it, allowing only the page.',
    checks: ['fetch-resolves', 'only-page-origin'],
    hints: ['The browser checks CORS on the redirect itself, before following it.'],
    answer:
      'CORS headers on the redirect too (here the hop and the final answer both name the page).',
  },
  '12-preflight-redirect': {
    goal: 'The old address redirects everything, OPTIONS included, and the PUT fails. Make the PUT work.',
    checks: ['fetch-resolves'],
    hints: ['A preflight may never follow a redirect: how is OPTIONS answered?'],
    answer:
      'Answer OPTIONS where it is sent (204 with the CORS headers) instead of redirecting it.',
  },
  '13-null-origin': {
    goal: 'After a redirect to another origin the request’s Origin is null. Make it work without allowing null or *.',
    checks: ['fetch-resolves', 'no-null-origin', 'no-wildcard'],
    hints: [
      'Any site can send Origin: null, so allowing it is no answer.',
      'Without the redirect to another origin, the page’s real origin arrives.',
    ],
    answer:
      'Serve the data at the URL the page calls, without the cross-origin redirect, allowing the page’s origin.',
  },
};

export interface Challenge extends ChallengeText {
  id: string;
  title: string;
  /** Where it starts: the first step's request and the server it meets. */
  start: PlaygroundState;
}

function challengeOf(path: string, json: unknown): Challenge {
  const id = /\/challenges\/([^/]+)\.scenario\.json$/.exec(path)?.[1] ?? path;
  const text = TEXTS[id];
  const parsed = parseScenario(json);
  if (text === undefined || !parsed.ok) {
    throw new Error(`${path}: a challenge needs its words in TEXTS and a valid scenario`);
  }
  return { id, title: parsed.value.title, start: stateOf(parsed.value), ...text };
}

/** Every challenge, in the order it builds up (the files' names). */
export const CHALLENGES: readonly Challenge[] = Object.entries(files)
  .map(([path, json]) => challengeOf(path, json))
  .sort((a, b) => a.id.localeCompare(b.id));

/** The ids that have words, for the test that holds them to the files. */
export const CHALLENGE_IDS = Object.keys(TEXTS);

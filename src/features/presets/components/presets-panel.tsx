import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { PlaygroundState } from '../../../scenario/scenario-file.ts';
import type { ServerConfig } from '../../../scenario/server-config.ts';
import { usePresets } from '../hooks/use-presets.ts';
import type { Preset } from '../lib/presets.ts';
import '../presets.css';

const PresetGallery = lazy(() => import('./preset-gallery.tsx'));

const GALLERY_ID = 'preset-gallery';

/** The loaded preset: its story, what to notice, and the fix (hidden until asked for). */
function Lesson({ preset, changed }: { preset: Preset; changed: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Focus follows the click that loaded it, so a screen reader reads the story next.
  useEffect(() => heading.current?.focus(), [preset]);
  return (
    <article aria-labelledby="preset-lesson-heading" className="card preset-lesson">
      <h3 id="preset-lesson-heading" ref={heading} tabIndex={-1}>
        {preset.title}
      </h3>
      <p>{preset.lesson.story}</p>
      <p role="status" className="hint">
        {changed
          ? 'You have changed the request or the server since it loaded, so the address no longer names this preset.'
          : 'Loaded in a new session with its server. Nothing has been sent: press Send to run it.'}
      </p>
      <h4>What to notice</h4>
      <p>{preset.lesson.notice}</p>
      <details>
        <summary>The fix</summary>
        <p>{preset.lesson.fix}</p>
      </details>
    </article>
  );
}

/** The way in for learners: presets from real-world mistakes, on the first screen. */
export function PresetsPanel({
  config,
  configFailed,
  onOpen,
}: {
  /** The server's config as the panel shows it; undefined while it loads or if it failed. */
  config: ServerConfig | undefined;
  configFailed: boolean;
  onOpen: (state: PlaygroundState) => Promise<void>;
}) {
  const presets = usePresets(config, configFailed, onOpen);
  const [open, setOpen] = useState(false);
  // However a preset loads (the gallery, or a #preset= link such as the debug checklist's), its
  // story replaces the gallery, so that the story and the request below it are what one sees.
  const [storyOf, setStoryOf] = useState(presets.loaded);
  if (presets.loaded !== storyOf) {
    setStoryOf(presets.loaded);
    setOpen(false);
  }
  return (
    <section aria-labelledby="presets-heading" className="panel presets-panel">
      <h2 id="presets-heading">Presets</h2>
      <p className="hint">
        Start from a mistake people really make: one click loads its request and its server, with
        its story, what to notice and the fix.
      </p>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={GALLERY_ID}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Hide presets' : 'Browse presets'}
      </button>
      <div id={GALLERY_ID} hidden={!open}>
        {open && (
          <Suspense fallback={<p role="status">Loading the presets…</p>}>
            <PresetGallery onLoad={(preset) => void presets.load(preset)} />
          </Suspense>
        )}
      </div>
      {presets.problem !== undefined && (
        <div role="alert" className="card error">
          <p>{presets.problem}</p>
          <button type="button" onClick={presets.dismissProblem}>
            Dismiss
          </button>
        </div>
      )}
      {presets.loaded !== undefined && <Lesson preset={presets.loaded} changed={presets.changed} />}
    </section>
  );
}

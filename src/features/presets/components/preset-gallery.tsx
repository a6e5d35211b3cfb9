import { useId, useState } from 'react';
import { PRESET_GROUPS, PRESETS, searchPresets, type Preset } from '../lib/presets.ts';

/**
 * Every preset, searchable, by group; one click loads one. The default export is for
 * React.lazy: the presets' text comes with this chunk, not with the first screen.
 */
export default function PresetGallery({ onLoad }: { onLoad: (preset: Preset) => void }) {
  const [query, setQuery] = useState('');
  const found = searchPresets(PRESETS, query);
  const searchId = useId();
  return (
    <div className="preset-gallery">
      <label htmlFor={searchId}>Search presets</label>
      <input
        id={searchId}
        type="search"
        value={query}
        placeholder="e.g. credentials, preflight 404, Expose-Headers"
        onChange={(event) => setQuery(event.target.value)}
      />
      <p role="status" className="hint">
        {found.length === PRESETS.length
          ? `${PRESETS.length} presets`
          : `${found.length} of ${PRESETS.length} presets match`}
      </p>
      {PRESET_GROUPS.map((group) => {
        const inGroup = found.filter((preset) => preset.group === group.id);
        if (inGroup.length === 0) return null;
        return (
          <section key={group.id} aria-labelledby={`preset-group-${group.id}`}>
            <h3 id={`preset-group-${group.id}`}>{group.title}</h3>
            <ul className="preset-list">
              {inGroup.map((preset) => (
                <li key={preset.id}>
                  <button type="button" className="link" onClick={() => onLoad(preset)}>
                    {preset.title}
                  </button>
                  <p className="hint">{preset.lesson.story}</p>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

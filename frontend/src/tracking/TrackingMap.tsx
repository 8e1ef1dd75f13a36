/**
 * The map box. Leaflet (map.ts, its own chunk, with its stylesheet) is imported in an effect, so
 * only after the page's text has rendered; until then, and for good if it cannot load, the box is
 * a plain placeholder: the map is an extra, everything on it is also said in text. Its size is set
 * in track.css, so nothing moves when the map arrives.
 *
 * Leaflet adds its own classes to the map element: its props never change after the first render,
 * so Preact never writes them back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TrackingView } from '../../../shared/contract/customer/tracking';
import { initials } from './format';
import type { MapPoints, TrackingMapHandle } from './map';
import { t } from '../i18n/current';

const pointsOf = (view: TrackingView): MapPoints => ({
  technician: view.status === 'en_route' && view.position ? { lat: view.position.lat, lng: view.position.lng } : null,
  destination: view.destination,
});

export function TrackingMap({ view }: { view: TrackingView }) {
  const box = useRef<HTMLDivElement>(null);
  const handle = useRef<TrackingMapHandle | null>(null);
  const latest = useRef(view);
  latest.current = view;
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let gone = false;
    const { map: tiles, technician } = latest.current;
    import('./map')
      .then((m) =>
        m.loadTrackingMap(box.current!, {
          tiles,
          technicianName: technician.name,
          initials: initials(technician.name),
          words: {
            destination: t('tracking.map.destination'),
            technician: t('tracking.map.technician', { name: technician.name }),
            zoomIn: t('tracking.map.zoomIn'),
            zoomOut: t('tracking.map.zoomOut'),
            pan: {
              group: t('tracking.map.moveMap'),
              up: t('tracking.map.panUp'),
              down: t('tracking.map.panDown'),
              left: t('tracking.map.panLeft'),
              right: t('tracking.map.panRight'),
              showBoth: t('tracking.map.showBoth'),
            },
          },
        }),
      )
      .then((h) => {
        if (gone) return h.remove();
        handle.current = h;
        h.update(pointsOf(latest.current));
      })
      .catch(() => {
        if (!gone) setFailed(true);
      });
    return () => {
      gone = true;
      handle.current?.remove();
      handle.current = null;
    };
  }, []);

  useEffect(() => {
    handle.current?.update(pointsOf(view));
  }, [view]);

  if (failed) return null;
  return (
    <div class="tracking-map-frame">
      <div ref={box} class="tracking-map" role="region" aria-label={t('tracking.map.label')} />
    </div>
  );
}

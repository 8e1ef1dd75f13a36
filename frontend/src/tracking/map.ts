/**
 * The tracking page's map: Leaflet, in its own chunk, imported only once the page's text is on
 * screen (TrackingMap.tsx). Leaflet's stylesheet is fetched here too, from the address track.html
 * names in `<meta name="map-stylesheet">`: no other page loads either.
 *
 * Two markers made with `divIcon` (no image files): the technician (their initials in the brand
 * colour) and the destination (a pin). Each says in words what it is, for anyone who reads the
 * map rather than sees it; the page says the same in text anyway. No popups: Leaflet writes them
 * with inline styles, which the CSP forbids. With no tile source (locally and in tests) there is
 * no tile layer and no request beyond our own origin: a plain background from track.css, with the
 * markers at their places all the same.
 */
import { Browser, Control, divIcon, latLngBounds, map as createMap, marker, tileLayer, type LatLngTuple, type Map as LeafletMap, type Marker } from 'leaflet';
import type { LatLng, TrackingView } from '../../../shared/contract/customer/tracking';

export interface MapPoints {
  /** Where the technician is; null when no position came yet, or once they have arrived. */
  technician: LatLng | null;
  destination: LatLng;
}

export interface TrackingMapHandle {
  /** Moves the markers (on each refresh); fits both in view unless the person has moved the map themselves. */
  update(points: MapPoints): void;
  remove(): void;
}

export interface TrackingMapOptions {
  tiles: TrackingView['map'];
  technicianName: string;
  /** What the technician's marker shows: their initials. */
  initials: string;
  /** The map's words, in the page's language (passed in: this chunk carries no catalog code). */
  words: { destination: string; technician: string; zoomIn: string; zoomOut: string };
}

/** Fetches Leaflet's stylesheet once; resolves when it has loaded (or failed: the map still works, only less tidy). */
function loadStylesheet(): Promise<void> {
  const href = document.querySelector('meta[name="map-stylesheet"]')?.getAttribute('content');
  if (!href) return Promise.resolve();
  const existing = document.querySelector<HTMLLinkElement>('link[data-map-stylesheet]');
  if (existing?.sheet) return Promise.resolve();
  return new Promise((resolve) => {
    const link = existing ?? document.createElement('link');
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
    if (!existing) {
      link.rel = 'stylesheet';
      link.href = href;
      link.setAttribute('data-map-stylesheet', '');
      document.head.appendChild(link);
    }
  });
}

function iconContent(visible: string, label: string): HTMLElement {
  const wrap = document.createElement('span');
  wrap.className = 'tracking-marker-body';
  const shown = document.createElement('span');
  shown.className = 'tracking-marker-face';
  shown.setAttribute('aria-hidden', 'true');
  shown.textContent = visible;
  const said = document.createElement('span');
  said.className = 'visually-hidden';
  said.textContent = label;
  wrap.append(shown, said);
  return wrap;
}

/** The events by which a person pans or zooms the map themselves (listened to, then let go, together). */
const personMovesMap = ['pointerdown', 'wheel', 'keydown', 'touchstart'] as const;

const at = (p: LatLng): LatLngTuple => [p.lat, p.lng];
const same = (a: LatLng | null, b: LatLng | null) => a === b || (a !== null && b !== null && a.lat === b.lat && a.lng === b.lng);

export async function loadTrackingMap(container: HTMLElement, options: TrackingMapOptions): Promise<TrackingMapHandle> {
  await loadStylesheet();
  const { tiles } = options;
  if (!tiles) container.classList.add('tracking-map--plain');
  // Leaflet's own words: the zoom buttons' names, in the page's language when the map is made.
  Control.Zoom.mergeOptions({ zoomInTitle: options.words.zoomIn, zoomOutTitle: options.words.zoomOut });
  const map: LeafletMap = createMap(container, {
    // Tiles come from the stage's configuration, with their attribution; with none, nothing to credit.
    attributionControl: tiles !== null,
    zoomControl: true,
    // The page scrolls past the map with the wheel; on a phone one finger scrolls the page, two move the map.
    scrollWheelZoom: false,
    dragging: !Browser.mobile,
    maxZoom: tiles?.maxZoom ?? 18,
    zoomSnap: tiles ? 1 : 0.25,
  });
  map.attributionControl?.setPrefix(false);
  if (tiles) tileLayer(tiles.tileUrl, { attribution: tiles.attribution, maxZoom: tiles.maxZoom }).addTo(map);

  const destination = marker([0, 0], {
    icon: divIcon({
      className: 'tracking-marker tracking-marker--destination',
      html: iconContent('', options.words.destination),
      iconSize: [28, 34],
      // The pin's tip (track.css draws it).
      iconAnchor: [14, 33],
    }),
    interactive: false,
    keyboard: false,
  });
  const technicianIcon = divIcon({
    className: 'tracking-marker tracking-marker--technician',
    html: iconContent(options.initials, options.words.technician),
    iconSize: [40, 40],
    iconAnchor: [20, 20],
  });
  let technician: Marker | null = null;
  let shown: MapPoints | null = null;
  let placed = false;
  /** Once the person pans or zooms, refreshes no longer re-frame the map unless a marker leaves the view. */
  let moved = false;
  const userMoved = () => {
    moved = true;
  };
  for (const type of personMovesMap) container.addEventListener(type, userMoved, { passive: true });

  const frame = (points: MapPoints, force: boolean) => {
    if (!force && moved) {
      const inView = (p: LatLng) => map.getBounds().pad(-0.1).contains(at(p));
      if (inView(points.destination) && (!points.technician || inView(points.technician))) return;
    }
    if (points.technician) {
      map.fitBounds(latLngBounds([at(points.technician), at(points.destination)]), { padding: [48, 48], maxZoom: 16, animate: placed });
    } else {
      map.setView(at(points.destination), Math.max(map.getZoom() || 0, 15), { animate: placed });
    }
  };

  return {
    update(points) {
      if (shown && same(shown.technician, points.technician) && same(shown.destination, points.destination)) return;
      destination.setLatLng(at(points.destination));
      if (!placed) destination.addTo(map);
      if (points.technician) {
        if (!technician) technician = marker(at(points.technician), { icon: technicianIcon, interactive: false, keyboard: false, zIndexOffset: 1000 }).addTo(map);
        else technician.setLatLng(at(points.technician));
      } else if (technician) {
        technician.remove();
        technician = null;
      }
      frame(points, !placed);
      placed = true;
      shown = points;
    },
    remove() {
      for (const type of personMovesMap) container.removeEventListener(type, userMoved);
      map.remove();
      container.classList.remove('tracking-map--plain');
    },
  };
}

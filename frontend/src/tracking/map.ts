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
import { Browser, Control, DomEvent, divIcon, latLngBounds, map as createMap, marker, tileLayer, type LatLngTuple, type Map as LeafletMap, type Marker } from 'leaflet';
import type { LatLng, TrackingView } from '../../../shared/contract/customer/tracking';

export interface MapPoints {
  /** Where the technician is; null when no position came yet, or once they have arrived. */
  technician: LatLng | null;
  destination: LatLng;
}

export interface TrackingMapHandle {
  /**
   * Moves the markers (on each refresh). Until the person pans or zooms, both are fitted in view;
   * after that their zoom stays: the map only slides to keep the technician in view when they were
   * in it and drive out of it. "Show both" fits both again and starts fitting once more.
   */
  update(points: MapPoints): void;
  remove(): void;
}

export interface TrackingMapOptions {
  tiles: TrackingView['map'];
  technicianName: string;
  /** What the technician's marker shows: their initials. */
  initials: string;
  /** The map's words, in the page's language (passed in: this chunk carries no catalog code). */
  words: { destination: string; technician: string; zoomIn: string; zoomOut: string; pan: PanWords };
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

/** The person asked their system for less motion: the map jumps rather than glides. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** How far one press of a pan button moves the map, in pixels. */
const PAN_STEP = 100;

/**
 * Buttons that pan the map a step each way, and "Show both" (the technician and the address in
 * view again): the map moves without dragging (WCAG 2.5.7) and by keyboard, and on a phone,
 * where one finger scrolls the page rather than the map. Real <button>s, 36 px square.
 */
/** The pan buttons' names, in the page's language. */
export interface PanWords {
  group: string;
  up: string;
  down: string;
  left: string;
  right: string;
  showBoth: string;
}

class PanControl extends Control {
  constructor(
    options: { position: 'bottomright' },
    private readonly words: PanWords,
    private readonly pan: (dx: number, dy: number) => void,
    private readonly showBoth: () => void,
  ) {
    super(options);
  }

  override onAdd(): HTMLElement {
    const box = document.createElement('div');
    box.className = 'leaflet-bar tracking-pan';
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', this.words.group);
    const button = (label: string, symbol: string, kind: string, onPress: () => void) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `tracking-pan-button tracking-pan-${kind}`;
      b.setAttribute('aria-label', label);
      b.title = label;
      const face = document.createElement('span');
      face.setAttribute('aria-hidden', 'true');
      face.textContent = symbol;
      b.append(face);
      b.addEventListener('click', onPress);
      box.append(b);
    };
    button(this.words.up, '\u2191', 'up', () => this.pan(0, -PAN_STEP));
    button(this.words.left, '\u2190', 'left', () => this.pan(-PAN_STEP, 0));
    button(this.words.showBoth, '\u25ce', 'both', this.showBoth);
    button(this.words.right, '\u2192', 'right', () => this.pan(PAN_STEP, 0));
    button(this.words.down, '\u2193', 'down', () => this.pan(0, PAN_STEP));
    // A press on a button is not a press on the map (no drag, no double-click zoom).
    DomEvent.disableClickPropagation(box);
    return box;
  }
}

const PERSON_MOVES = ['pointerdown', 'touchstart', 'click', 'keydown'] as const;
/** The keys Leaflet's keyboard handler pans and zooms with. */
const MAP_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', '+', '-', '=', '_']);

const at = (p: LatLng): LatLngTuple => [p.lat, p.lng];
const same = (a: LatLng | null, b: LatLng | null) => a === b || (a !== null && b !== null && a.lat === b.lat && a.lng === b.lng);

export async function loadTrackingMap(container: HTMLElement, options: TrackingMapOptions): Promise<TrackingMapHandle> {
  await loadStylesheet();
  const { tiles } = options;
  const calm = prefersReducedMotion();
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
    // Reduced motion: zooms and pans jump instead of gliding, and a flick does not coast on.
    zoomAnimation: !calm,
    fadeAnimation: !calm,
    markerZoomAnimation: !calm,
    inertia: !calm,
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
  /** Once the person pans or zooms, refreshes never change their zoom again (until "Show both"). */
  let moved = false;
  // What a person does to move the map: press or touch it (drag, pinch, the zoom and pan buttons,
  // by pointer or by keyboard), or the keys Leaflet pans and zooms with while the map has focus.
  // Tab passing through is not a move. Captured, so a control that stops its clicks still counts.
  const personMoves = (event: Event) => {
    if (event instanceof KeyboardEvent && (event.target !== container || !MAP_KEYS.has(event.key))) return;
    moved = true;
  };
  for (const type of PERSON_MOVES) container.addEventListener(type, personMoves, { capture: true, passive: true });

  const fit = (points: MapPoints) => {
    if (points.technician) {
      map.fitBounds(latLngBounds([at(points.technician), at(points.destination)]), { padding: [48, 48], maxZoom: 16, animate: placed && !calm });
    } else {
      map.setView(at(points.destination), Math.max(map.getZoom() || 0, 15), { animate: placed && !calm });
    }
  };

  /** After the person moved the map: their zoom stays; the view follows the technician only out of an edge they were inside. */
  const follow = (before: LatLng | null, after: LatLng | null) => {
    if (!before || !after) return;
    const view = map.getBounds();
    if (view.contains(at(before)) && !view.contains(at(after))) map.panInside(at(after), { padding: [48, 48], animate: !calm });
  };

  new PanControl({ position: 'bottomright' }, options.words.pan, (dx, dy) => map.panBy([dx, dy], { animate: !calm }), () => {
    moved = false;
    if (shown) fit(shown);
  }).addTo(map);

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
      if (!placed || !moved) fit(points);
      else follow(shown?.technician ?? null, points.technician);
      placed = true;
      shown = points;
    },
    remove() {
      for (const type of PERSON_MOVES) container.removeEventListener(type, personMoves, { capture: true });
      map.remove();
      container.classList.remove('tracking-map--plain');
    },
  };
}

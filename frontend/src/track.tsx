/**
 * The tracking page's entry (track.html, served for `/{slug}/track`): a page of its own, light
 * enough for a phone opening a text message, that loads none of the portal's app. Its map is a
 * further chunk, fetched once the text is on screen (tracking/TrackingMap.tsx).
 */
import { render } from 'preact';
import { TrackingPage } from './tracking/TrackingPage';

const root = document.getElementById('app');
if (root) render(<TrackingPage />, root);

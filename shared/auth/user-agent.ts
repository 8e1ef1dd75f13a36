/**
 * What a User-Agent says of the browser, for the customer's list of devices ("Firefox 133 on
 * Windows"), read by a maintained parser (ua-parser-js 1.x, MIT; 2.x changed its licence to AGPL
 * and is not used). Only the list's function bundles it.
 */
import { UAParser } from 'ua-parser-js';
import type { DeviceView } from '../contract/customer/account';

/** Systems whose browsers report a frozen version (macOS stays at 10.15.7, Windows 11 says 10): the name alone is true. */
const frozenVersions = new Set(['Mac OS', 'Windows']);
const systemNames: Record<string, string> = { 'Mac OS': 'macOS' };

export function describeUserAgent(userAgent: string | null): Pick<DeviceView, 'browser' | 'system' | 'deviceType'> {
  if (!userAgent) return { browser: null, system: null, deviceType: null };
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const system = os.name ? [systemNames[os.name] ?? os.name, frozenVersions.has(os.name) ? undefined : os.version].filter(Boolean).join(' ') : null;
  return {
    browser: browser.name ? [browser.name, browser.major].filter(Boolean).join(' ') : null,
    system,
    deviceType: device.type === 'mobile' || device.type === 'tablet' ? device.type : null,
  };
}

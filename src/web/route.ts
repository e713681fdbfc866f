/** Hash routes of the dashboard (`#/block/12`): works from any path the node serves it at, no server rewrites. */
import { useEffect, useState } from 'preact/hooks';

/** The current route's path segments, e.g. ['block', '12']. */
export function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [r, setR] = useState(read);
  useEffect(() => {
    const on = () => setR(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return r;
}

/** The href of a route. */
export function href(...parts: Array<string | number>): string {
  return '#/' + parts.map((p) => encodeURIComponent(String(p))).join('/');
}

/** Goes to a route. */
export function go(...parts: Array<string | number>): void {
  location.hash = href(...parts).slice(1);
}

import { useEffect, useState } from 'preact/hooks';
import type { ErrorValue } from '../../lib/domain/reply';
import { askBackground } from '../../lib/messaging/extension-page-ask';
import { ErrorText } from '../shared/error-text';
import { formatAge } from '../shared/format-age';

interface CachedSite {
  host: string;
  bytes: number;
  fetchedAt: string;
}

const formatSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);

/** The sites whose data the extension keeps, with size and age; *Clear cache* forgets them all. */
export function CacheSection() {
  const [sites, setSites] = useState<CachedSite[] | null>(null);
  const [error, setError] = useState<ErrorValue | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void askBackground({ type: 'cache.sites' }).then((reply) => {
      if (reply.ok) setSites(reply.data.sites);
      else setError(reply.error);
    });
  }, []);

  const clear = async () => {
    setBusy(true);
    const reply = await askBackground({ type: 'cache.clear' });
    setBusy(false);
    if (reply.ok) setSites(reply.data.sites);
    else setError(reply.error);
  };

  const now = new Date();
  return (
    <section aria-labelledby="sites-heading">
      <h2 id="sites-heading">Sites</h2>
      <p class="tl-muted">
        What Token Lens keeps so that badges paint at once and survive the service being down. Clearing it loses
        nothing: the service holds the data.
      </p>
      {error && <ErrorText as="p" error={error} />}
      {sites === null && !error && <p aria-busy="true">Loading…</p>}
      {sites?.length === 0 && <p>No site data cached yet. Open a Manage apps page to see its badges.</p>}
      {sites && sites.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Site</th>
              <th scope="col">Size</th>
              <th scope="col">Fetched</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.host}>
                <td>{site.host}</td>
                <td>{formatSize(site.bytes)}</td>
                <td title={new Date(site.fetchedAt).toLocaleString()}>{formatAge(site.fetchedAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={clear} disabled={busy || !sites || sites.length === 0}>
        Clear cache
      </button>
    </section>
  );
}

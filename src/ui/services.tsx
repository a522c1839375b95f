// A category's services, each with its provider, purpose, privacy policy
// and a table of its cookies: name, lifetime and whose (Planet49: duration
// and third-party access are part of informed consent).
import { h } from 'preact';
import type { UiConfig } from '../config/schema.js';
import type { Strings } from './strings.js';

type Service = UiConfig['categories'][string]['services'][string];

/** A cookie pattern as a visitor reads it: /^_ga_/ → `_ga_*`,
 * /^_hjSession_\d+$/ → `_hjSession_*`. */
export function cookieName(name: string | RegExp): string {
  if (typeof name == 'string') return name;
  let source = name.source.replace(/^\^/, '');
  const closed = /[^\\]\$$/.test(source);
  if (closed) source = source.slice(0, -1);
  // A repeated class or wildcard is one `*`; then the escapes go.
  source = source.replace(/(\\[dws]|\[[^\]]*\]|\.)[*+]/gi, '*').replace(/\\(.)/g, '$1');
  return closed || source.endsWith('*') ? source : source + '*';
}

function ServiceItem({ id, service, t }: { id: string; service: Service; t: Strings }) {
  const facts: [string, h.JSX.Element | string | undefined][] = [
    [t['service.provider'], service.provider],
    [t['service.purpose'], service.purpose],
    [t['service.privacyPolicy'], service.privacyPolicyUrl && <a href={service.privacyPolicyUrl}>{service.privacyPolicyUrl}</a>],
  ];
  return (
    <li class="service">
      <h4>{service.name || id}</h4>
      <dl>
        {facts.map(([term, value]) => value && [<dt>{term}</dt>, <dd>{value}</dd>])}
      </dl>
      {service.cookies.length > 0 && (
        <div class="table">
          <table>
            <thead>
              <tr>
                <th scope="col">{t['cookie.name']}</th>
                <th scope="col">{t['cookie.lifetime']}</th>
                <th scope="col">{t['cookie.party']}</th>
              </tr>
            </thead>
            <tbody>
              {service.cookies.map((cookie) => (
                <tr>
                  <td>{cookieName(cookie.name)}</td>
                  <td>{cookie.lifetime || '–'}</td>
                  <td>{cookie.party ? t[`cookie.${cookie.party}`] : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

export function Services({ services, t }: { services: UiConfig['categories'][string]['services']; t: Strings }) {
  const ids = Object.keys(services);
  if (!ids.length) return null;
  return (
    <details>
      <summary>{t['preferences.services']}</summary>
      <ul>
        {ids.map((id) => (
          <ServiceItem id={id} service={services[id]} t={t} />
        ))}
      </ul>
    </details>
  );
}

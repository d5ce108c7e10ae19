import './home.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The three entry points by need, with their pictures (decoration: the words say it). */
const entries = [
  {
    key: 'seek',
    to: '/hilfe-finden',
    icon: 'M12 21s-7-4.5-9-9a5 5 0 0 1 9-3 5 5 0 0 1 9 3c-2 4.5-9 9-9 9Z',
  },
  {
    key: 'help',
    to: '/helfen',
    icon: 'M7 11V6a1.5 1.5 0 0 1 3 0v4m0-1V4.5a1.5 1.5 0 0 1 3 0V10m0-4a1.5 1.5 0 0 1 3 0v5m0-3a1.5 1.5 0 0 1 3 0v5a7 7 0 0 1-7 7h-1a7 7 0 0 1-6-3.5L3 12a1.5 1.5 0 0 1 2.5-1.5L7 13',
  },
  {
    key: 'share',
    to: '/teilen-leihen',
    icon: 'M4 8h14m-4-4 4 4-4 4M20 16H6m4-4-4 4 4 4',
  },
] as const;

/**
 * "Ich suche Hilfe", "Ich möchte helfen", "Ich möchte etwas teilen oder leihen": where a person
 * starts by what they need. On the front page; any page may show them where a person is to start
 * (`headingLevel` fits them under the page's headings).
 */
export function EntryPoints({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="entry-points" aria-labelledby="entry-points-title">
      <Heading id="entry-points-title" className="visually-hidden">
        {t('front.entry.title')}
      </Heading>
      <ul>
        {entries.map((e) => (
          <li key={e.key}>
            <Link to={e.to} className={`entry entry-${e.key}`}>
              <svg aria-hidden="true" viewBox="0 0 24 24" width="40" height="40">
                <path
                  d={e.icon}
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
              <span>
                <span className="entry-title">{t(`front.entry.${e.key}`)}</span>
                <span className="entry-hint">{t(`front.entry.${e.key}Hint`)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

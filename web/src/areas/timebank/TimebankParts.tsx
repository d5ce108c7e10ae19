import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField } from '../../app/forms.tsx';
import { accountName } from './lib.ts';
import { timebankKeys } from './queries.ts';
import type { Account } from './types.ts';

export function useMyAccounts() {
  return useQuery({
    queryKey: timebankKeys.timebank('accounts'),
    queryFn: () => api<{ items: Account[] }>('/timebank/accounts/mine'),
  });
}

/** The account chosen in the URL (?konto=), or my own. */
export function useChosenAccount(accounts: Account[] | undefined) {
  const [params, setParams] = useSearchParams();
  const id = params.get('konto');
  const chosen = accounts?.find((a) => a.id === id) ?? accounts?.[0];
  const choose = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('konto', next);
    setParams(p, { replace: true });
  };
  return { chosen, choose };
}

export function AccountSwitch({
  accounts,
  value,
  onChange,
}: {
  accounts: Account[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (accounts.length < 2) return null;
  return (
    <div className="inline-form narrow">
      <SelectField
        label={t('timebank.account')}
        name="account"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        options={accounts.map((a) => ({
          value: a.id,
          label: a.ownerType === 'person' ? t('timebank.myAccount') : accountName(t, a),
        }))}
      />
    </div>
  );
}

import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../main/domain/vocabulary';
import { Dialog } from '../../components/Dialog';
import { errorText, unwrap, useApi } from '../../lib/api';
import { useSession } from '../../lib/session';
import { useAction } from '../../lib/use-action';
import type { Person, Site } from './model';
import { LIMITS, mayManagePeople, ROLE_CODES, roleNames, rolesOf } from './model';

interface Errors {
  name?: string;
  siteId?: string;
  roles?: string;
}

/**
 * Adds a person (people.create) or edits one (people.update). The form checks what it can; the
 * service decides (only HQ administrators may) and its reason is shown here and in a toast.
 */
export function PersonDialog({ person, sites, onClose, onSaved }: {
  /** null: a new person */
  person: Person | null;
  sites: readonly Site[];
  onClose: () => void;
  onSaved?: (person: Person) => void;
}) {
  const { t, i18n } = useTranslation('people');
  const api = useApi();
  const session = useSession((s) => s.session);
  const reloadSession = useSession((s) => s.load);
  const { run, busy } = useAction();
  const [name, setName] = useState(person?.name ?? '');
  const [siteId, setSiteId] = useState(person?.siteId ?? '');
  const [post, setPost] = useState(person?.post ?? '');
  const [partyMember, setPartyMember] = useState(person?.partyMember ?? false);
  const [partyBranch, setPartyBranch] = useState(person?.partyBranch ?? '');
  const [roles, setRoles] = useState<Role[]>(person ? [...person.roles] : []);
  const [active, setActive] = useState(person?.active ?? true);
  const [errors, setErrors] = useState<Errors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const ids = {
    name: useId(), site: useId(), post: useId(), party: useId(), branch: useId(), roles: useId(), active: useId(),
    nameError: useId(), siteError: useId(), rolesError: useId(),
  };
  const nameRef = useRef<HTMLInputElement>(null);
  const siteRef = useRef<HTMLSelectElement>(null);
  const rolesRef = useRef<HTMLFieldSetElement>(null);

  const validate = (): Errors => {
    const out: Errors = {};
    if (!name.trim()) out.name = t('personForm.nameRequired');
    if (!siteId) out.siteId = t('personForm.siteRequired');
    if (roles.length === 0) out.roles = t('personForm.rolesRequired');
    return out;
  };

  const submit = async () => {
    const found = validate();
    setErrors(found);
    setRefusal(null);
    if (found.name) return nameRef.current?.focus();
    if (found.siteId) return siteRef.current?.focus();
    if (found.roles) return rolesRef.current?.querySelector('input')?.focus();
    const fields = {
      name: name.trim(), siteId, post: post.trim(), partyMember,
      partyBranch: partyMember && partyBranch.trim() ? partyBranch.trim() : null,
      roles: ROLE_CODES.filter((r) => roles.includes(r)),
    };
    let saved: Person | null = null;
    const ok = await run(async () => {
      try {
        saved = person
          ? await unwrap(api.people.update({ id: person.id, ...fields, active }))
          : await unwrap(api.people.create(fields));
      } catch (err) {
        setRefusal(errorText(err, i18n.language));
        throw err;
      }
    }, person ? t('personForm.saved', { name: fields.name }) : t('personForm.created', { name: fields.name }));
    if (ok && saved) {
      void reloadSession(api); // the person switcher lists the new name too
      onSaved?.(saved);
      onClose();
    }
  };

  const toggleRole = (role: Role, on: boolean) => setRoles((rs) => (on ? [...rs, role] : rs.filter((r) => r !== role)));
  const myRoles = rolesOf(session);

  return (
    <Dialog
      title={person ? t('personForm.editTitle', { name: person.name }) : t('personForm.createTitle')}
      onClose={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            {t('common:cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {person ? t('personForm.save') : t('personForm.create')}
          </button>
        </>
      }
    >
      <form
        className="people-form"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        onKeyDown={(e) => {
          // Enter in a text field saves, as in any form
          if (e.key === 'Enter' && e.target instanceof HTMLInputElement && e.target.type !== 'checkbox') {
            e.preventDefault();
            void submit();
          }
        }}
      >
        {session && !mayManagePeople(session) ? (
          <p className="people-form-note">{t('personForm.authorityNote', { roles: roleNames(myRoles, t, i18n.language) || '—' })}</p>
        ) : null}
        <div className="field">
          <label htmlFor={ids.name}>{t('personForm.name')}</label>
          <input
            id={ids.name}
            ref={nameRef}
            value={name}
            maxLength={LIMITS.name}
            autoComplete="off"
            aria-invalid={!!errors.name}
            aria-describedby={errors.name ? ids.nameError : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {errors.name ? <p className="field-error" id={ids.nameError}>{errors.name}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.site}>{t('personForm.site')}</label>
          <select
            id={ids.site}
            ref={siteRef}
            value={siteId}
            aria-invalid={!!errors.siteId}
            aria-describedby={errors.siteId ? ids.siteError : undefined}
            onChange={(e) => setSiteId(e.target.value)}
          >
            <option value="">{t('personForm.chooseSite')}</option>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {errors.siteId ? <p className="field-error" id={ids.siteError}>{errors.siteId}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.post}>{t('personForm.post')}</label>
          <input id={ids.post} value={post} maxLength={LIMITS.post} onChange={(e) => setPost(e.target.value)} />
        </div>
        <div className="field-row">
          <label className="check" htmlFor={ids.party}>
            <input id={ids.party} type="checkbox" checked={partyMember} onChange={(e) => setPartyMember(e.target.checked)} />
            {t('personForm.partyMember')}
          </label>
        </div>
        {partyMember ? (
          <div className="field">
            <label htmlFor={ids.branch}>{t('personForm.partyBranch')}</label>
            <input id={ids.branch} value={partyBranch} maxLength={LIMITS.branch} onChange={(e) => setPartyBranch(e.target.value)} />
          </div>
        ) : null}
        <fieldset
          className="field checks"
          ref={rolesRef}
          aria-invalid={!!errors.roles}
          aria-describedby={errors.roles ? ids.rolesError : undefined}
        >
          <legend>{t('personForm.roles')}</legend>
          {ROLE_CODES.map((role) => (
            <label key={role} className="check">
              <input type="checkbox" checked={roles.includes(role)} onChange={(e) => toggleRole(role, e.target.checked)} />
              {t(`domain:role.${role}`)}
            </label>
          ))}
          {errors.roles ? <p className="field-error" id={ids.rolesError}>{errors.roles}</p> : null}
        </fieldset>
        {person ? (
          <div className="field-row">
            <label className="check" htmlFor={ids.active}>
              <input id={ids.active} type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
              {t('personForm.active')}
            </label>
          </div>
        ) : null}
        {refusal ? (
          <p className="field-error people-form-refusal" role="alert">
            {t('personForm.refused', { reason: refusal })}
          </p>
        ) : null}
      </form>
    </Dialog>
  );
}

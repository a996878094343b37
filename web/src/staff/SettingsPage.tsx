import { useEffect, useState } from 'react';
import { Button, Form, Radios } from '../components/forms.tsx';
import { NotificationBanner, useTitle } from '../components/ui.tsx';
import { useLocation } from '../router.tsx';
import { STAFF_SERVICE } from './session.tsx';
import { shortcutList, usePreferences } from './shortcuts.tsx';

/** Settings: keyboard shortcuts on or off, and the list of shortcuts. */
export function SettingsPage() {
  const { preferences, setPreferences } = usePreferences();
  const [choice, setChoice] = useState(preferences.shortcuts ? 'on' : 'off');
  const [saved, setSaved] = useState(false);
  const { href } = useLocation();
  useTitle('Settings', STAFF_SERVICE);

  useEffect(() => {
    if (href.endsWith('#shortcuts')) document.getElementById('shortcuts')?.scrollIntoView();
  }, [href]);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {saved ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">
              Keyboard shortcuts are {preferences.shortcuts ? 'on' : 'off'}.
            </p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Settings</h1>
        <Form
          onSubmit={() => {
            setPreferences({ ...preferences, shortcuts: choice === 'on' });
            setSaved(true);
          }}
        >
          <Radios
            id="shortcuts-setting"
            legend="Keyboard shortcuts"
            hint="Single-key shortcuts never work while you type in a box. Turn them off if you use speech input or they get in your way. This is saved in this browser for you."
            value={choice}
            onChange={setChoice}
            choices={[
              { value: 'on', label: 'On' },
              { value: 'off', label: 'Off' },
            ]}
          />
          <Button>Save settings</Button>
        </Form>
        <h2 className="govuk-heading-m" id="shortcuts">
          Keyboard shortcuts
        </h2>
        <dl className="app-key-list govuk-body">
          {shortcutList.map((shortcut) => (
            <div key={shortcut.keys.join(' ')}>
              <dt>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? ' then ' : ''}
                    <kbd className="app-shortcut-key">{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{shortcut.does}</dd>
            </div>
          ))}
        </dl>
        <p className="govuk-body">
          Everything else works with the keyboard as usual: Tab and Shift+Tab to move, Enter to follow a link
          or press a button, Space to choose an option.
        </p>
      </div>
    </div>
  );
}

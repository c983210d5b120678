import { afterEach, describe, expect, it, vi } from 'vitest';
import { byUser, isUserInput, userSubmit } from './user-action';

/** What the guard reads of an event; the browser alone sets isTrusted, so tests build the shape. */
function fakeEvent(fields: { type: string; isTrusted: boolean; target?: object; currentTarget?: object; key?: string; isComposing?: boolean }) {
  return { preventDefault: vi.fn(), ...fields } as unknown as MouseEvent & KeyboardEvent & SubmitEvent & { preventDefault: ReturnType<typeof vi.fn> };
}

const submitButton = { closest: (selector: string) => (selector.includes('type="submit"') ? {} : null) };
const cancelButton = { closest: () => null };
const nameField = { localName: 'input', type: 'text', closest: () => null };
const codeArea = { localName: 'textarea', type: 'textarea', closest: () => null };

describe('byUser', () => {
  it('runs the handler for the user’s own input only', () => {
    const handler = vi.fn();
    const guarded = byUser(handler);
    guarded(fakeEvent({ type: 'click', isTrusted: false }));
    expect(handler).not.toHaveBeenCalled();
    const trusted = fakeEvent({ type: 'click', isTrusted: true });
    guarded(trusted);
    expect(handler).toHaveBeenCalledExactlyOnceWith(trusted);
  });

  it('treats a real Event made by script as not the user’s', () => {
    expect(isUserInput(new Event('click'))).toBe(false);
  });
});

describe('userSubmit', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const setup = (options?: { activation?: boolean }) => {
    const handler = vi.fn();
    const form = {};
    const props = userSubmit(handler, options);
    const submit = () => {
      const event = fakeEvent({ type: 'submit', isTrusted: true, currentTarget: form });
      props.onSubmit(event);
      expect(event.preventDefault).toHaveBeenCalled();
    };
    return { handler, form, props, submit };
  };

  it('submits after the user’s click on the submit button, once', () => {
    const { handler, form, props, submit } = setup();
    props.onClickCapture(fakeEvent({ type: 'click', isTrusted: true, target: submitButton, currentTarget: form }));
    submit();
    expect(handler).toHaveBeenCalledTimes(1);
    // The same click cannot carry a second submit (a script's requestSubmit right after).
    submit();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('submits after the user’s Enter in a one-line field, not in a text area or while composing', () => {
    const { handler, form, props, submit } = setup();
    props.onKeyDownCapture(fakeEvent({ type: 'keydown', isTrusted: true, key: 'Enter', target: codeArea, currentTarget: form }));
    submit();
    props.onKeyDownCapture(fakeEvent({ type: 'keydown', isTrusted: true, key: 'Enter', isComposing: true, target: nameField, currentTarget: form }));
    submit();
    expect(handler).not.toHaveBeenCalled();
    props.onKeyDownCapture(fakeEvent({ type: 'keydown', isTrusted: true, key: 'Enter', target: nameField, currentTarget: form }));
    submit();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('ignores requestSubmit() (a trusted submit with no user input before it), script clicks and other buttons', () => {
    const { handler, form, props, submit } = setup();
    submit();
    props.onClickCapture(fakeEvent({ type: 'click', isTrusted: false, target: submitButton, currentTarget: form }));
    submit();
    props.onKeyDownCapture(fakeEvent({ type: 'keydown', isTrusted: false, key: 'Enter', target: nameField, currentTarget: form }));
    submit();
    props.onClickCapture(fakeEvent({ type: 'click', isTrusted: true, target: cancelButton, currentTarget: form }));
    submit();
    expect(handler).not.toHaveBeenCalled();
  });

  it('does not let an old click carry a later submit', () => {
    vi.useFakeTimers();
    const { handler, form, props, submit } = setup();
    props.onClickCapture(fakeEvent({ type: 'click', isTrusted: true, target: submitButton, currentTarget: form }));
    vi.advanceTimersByTime(5_000);
    submit();
    expect(handler).not.toHaveBeenCalled();
  });

  it('with `activation`, also needs the page’s user activation', () => {
    const { handler, form, props, submit } = setup({ activation: true });
    const click = () => props.onClickCapture(fakeEvent({ type: 'click', isTrusted: true, target: submitButton, currentTarget: form }));
    vi.stubGlobal('navigator', { userActivation: { isActive: false } });
    click();
    submit();
    vi.stubGlobal('navigator', {});
    click();
    submit();
    expect(handler).not.toHaveBeenCalled();
    vi.stubGlobal('navigator', { userActivation: { isActive: true } });
    click();
    submit();
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

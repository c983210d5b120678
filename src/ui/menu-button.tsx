/**
 * A menu button (WAI-ARIA APG "menu button" pattern): the button has aria-haspopup/expanded and
 * opens a role=menu of role=menuitem entries. Keyboard: Enter/Space/ArrowDown open on the first
 * item, ArrowUp on the last; ArrowUp/Down, Home/End move; a letter jumps to the next item starting
 * with it; Enter/Space choose; Escape and Tab close, Escape returning focus to the button.
 * The menu is a popover in the top layer, so Colab's stacking and overflow cannot clip it.
 * An item is chosen only by the user's own click or key (./user-action.ts). The pointer activates
 * an item only when it moves over it, so a keyboard user's focus stays put under a resting mouse.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useImperativeHandle, useRef, useState } from 'preact/hooks';
import { useAnchoredPopover } from './anchored-popover';
import { byUser } from './user-action';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  /** Exposed as data-state, for styling (and tests) of a recipe's last run. */
  readonly state?: string;
  readonly disabled?: boolean;
}

export interface MenuButtonHandle {
  /** Opens the menu with focus on its first item (for a keyboard shortcut). */
  openMenu(): void;
}

export function MenuButton(props: {
  label: ComponentChildren;
  menuLabel: string;
  items: readonly MenuItem[];
  /** `event` is the click or key that chose it (its `isTrusted` tells the user's from a script's). */
  onSelect: (id: string, event: Event) => void;
  tabIndex: number;
  handle?: Ref<MenuButtonHandle>;
  buttonClass?: string;
  /** Called instead of opening: the items are read first; `open` then opens the menu. */
  onBeforeOpen?: (open: () => void, event: Event) => void;
}) {
  const { label, menuLabel, items, onSelect, tabIndex, handle, buttonClass = 'recipe', onBeforeOpen } = props;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useRef(`lp-menu-${Math.random().toString(36).slice(2)}`).current;

  const itemsRef = useRef(items);
  itemsRef.current = items;
  /** -1: the last item (of the items at opening, which onBeforeOpen may have just read). */
  const show = (index: number) => {
    setActive(index < 0 ? Math.max(itemsRef.current.length - 1, 0) : index);
    setOpen(true);
  };
  const request = (index: number, event: Event) => (onBeforeOpen ? onBeforeOpen(() => show(index), event) : show(index));
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) buttonRef.current?.focus();
  };
  useImperativeHandle(handle ?? null, () => ({ openMenu: () => show(0) }), []);

  // Keep the active item focused while open.
  useAnchoredPopover({
    open,
    anchor: buttonRef,
    popover: menuRef,
    width: 264,
    focusTarget: (menu) => menu.querySelectorAll<HTMLElement>('[role="menuitem"]')[active],
    deps: [active],
  });

  const move = (index: number) => setActive((index + items.length) % items.length);

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      request(0, event);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      event.stopPropagation();
      request(-1, event);
    }
  };

  const choose = (item: MenuItem | undefined, event: Event) => {
    if (!item || item.disabled) return;
    close(true);
    onSelect(item.id, event);
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(active + 1),
      ArrowUp: () => move(active - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Escape: () => close(true),
      Enter: () => choose(items[active], event),
      ' ': () => choose(items[active], event),
      Tab: () => close(false),
    };
    const action = keys[event.key];
    if (action) {
      if (event.key !== 'Tab') event.preventDefault();
      event.stopPropagation();
      action();
      return;
    }
    if (event.key.length === 1 && /\S/.test(event.key)) {
      const letter = event.key.toLocaleLowerCase();
      for (let step = 1; step <= items.length; step++) {
        const index = (active + step) % items.length;
        if (items[index]?.label.toLocaleLowerCase().startsWith(letter)) {
          setActive(index);
          break;
        }
      }
    }
  };

  return (
    <>
      <button
        type="button"
        class={buttonClass}
        ref={buttonRef}
        tabIndex={tabIndex}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={menuId}
        onClick={(event) => (open ? close(false) : request(0, event))}
        onKeyDown={onButtonKey}
      >
        {label}
      </button>
      <div
        id={menuId}
        ref={menuRef}
        class="menu"
        role="menu"
        aria-label={menuLabel}
        popover="auto"
        onKeyDown={byUser(onMenuKey)}
        // Light dismiss (outside click) closes the popover; keep our state in step.
        onToggle={(event) => {
          if (event.newState === 'closed' && open) setOpen(false);
        }}
      >
        {items.map((item, index) => (
          <div
            key={item.id}
            role="menuitem"
            class="menuitem"
            tabIndex={-1}
            aria-disabled={item.disabled ? 'true' : undefined}
            data-active={index === active ? 'true' : undefined}
            data-entry={item.id}
            data-state={item.state}
            onClick={byUser((event) => choose(item, event))}
            // Only a pointer the user moves activates: a menu opening (by keyboard) under a
            // resting pointer gets mouseenter and zero-movement moves, and focus must not jump.
            onMouseMove={(event) => {
              if ((event.movementX !== 0 || event.movementY !== 0) && index !== active) setActive(index);
            }}
          >
            <span>{item.label}</span>
            {item.hint && <span class="hint">{item.hint}</span>}
          </div>
        ))}
      </div>
    </>
  );
}

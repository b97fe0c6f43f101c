import { useNavigate } from "@remix-run/react";
import { useEffect } from "react";

// Keyboard shortcuts of the staff application page (decision 038), only with JavaScript and only
// while the staff member has them on: Alt+Shift+N / Alt+Shift+V go to the next / previous
// application of the list the page was opened from; Alt+Shift+A / Alt+Shift+R move the focus to
// "Angenommen" / to the reason field before "Neu anfordern" of the first unreviewed file. Alt+Shift
// combinations are not used by NVDA, JAWS, VoiceOver or the browsers' own keys (Firefox uses
// Alt+Shift only for a page's accesskeys, and the portal defines none); the key's position
// (event.code) counts, so the layout and macOS's Option characters do not matter.

function focus(selector: string): void {
  const element = document.querySelector<HTMLElement>(selector);
  if (!element) return;
  element.scrollIntoView({ block: "center" });
  element.focus();
}

export function StaffShortcuts({ previous, next }: { previous: string | null; next: string | null }) {
  const navigate = useNavigate();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const go = (to: string | null) => {
        if (to) navigate(to);
      };
      const actions: Record<string, () => void> = {
        KeyN: () => go(next),
        KeyV: () => go(previous),
        KeyA: () => focus('[data-shortcut="accept"]'),
        KeyR: () => {
          const button = document.querySelector<HTMLButtonElement>('[data-shortcut="reject"]');
          const reason = button?.form?.querySelector<HTMLInputElement>('input[name^="reason-"]');
          if (reason) {
            reason.scrollIntoView({ block: "center" });
            reason.focus();
          }
        },
      };
      const action = actions[event.code];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [navigate, previous, next]);
  return null;
}

import { useEffect, useState, type ReactNode } from "react";
import { useLocation } from "@remix-run/react";
import { Button } from "@digdir/designsystemet-react";

interface Props {
  id: string;
  /** The toggle's text on narrow screens (it says where one is, e.g. "Meny: Møter"). */
  label: ReactNode;
  className?: string;
  children: ReactNode;
}

/**
 * A menu that is laid out in full on wide screens and folds behind one button on phones (see
 * .collapsible in app.css). Before the page is interactive it stays open, so it works without
 * script; it closes again after each navigation.
 */
export function CollapsibleMenu({ id, label, className, children }: Props) {
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  return (
    <div className={`collapsible${open ? " is-open" : ""}${className ? ` ${className}` : ""}`}>
      <Button
        type="button"
        variant="secondary"
        data-size="sm"
        className="collapsible__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </Button>
      <div id={id} className="collapsible__panel">
        {children}
      </div>
    </div>
  );
}

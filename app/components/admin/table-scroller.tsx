/** Wide tables scroll sideways on phones; the region is focusable so keyboard users can scroll it too. */
export function TableScroller({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto ${className ?? ""}`}>
      {children}
    </div>
  );
}

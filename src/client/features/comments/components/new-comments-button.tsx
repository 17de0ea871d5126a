// "Show N new comments": other people's comments that came while the reader was
// reading, put into the thread only when asked, so nothing moves under the reader.
interface NewCommentsButtonProps {
  waiting: number;
  label: string;
  onShow: () => void;
}

export function NewCommentsButton({ waiting, label, onShow }: NewCommentsButtonProps) {
  if (waiting === 0) return null;
  return (
    <p className="new-comments">
      <button type="button" className="button button-primary" onClick={onShow}>
        {label}
      </button>
    </p>
  );
}

/** A refusal on the options page: one role=alert with what was refused and why, item by item. */
export function Alert(props: { title: string; messages: readonly string[] }) {
  return (
    <div class="alert" role="alert">
      <p>{props.title}</p>
      {props.messages.length > 0 && (
        <ul>
          {props.messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

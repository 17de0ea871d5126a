// The one reply form, used for top-level comments and for replies in place.
// Everything typed is saved as a draft on every keystroke and survives
// failures, retries and reloads; only a successful post clears it (in
// useCreateComment, so that happens even when the form is gone by then).
// Posted offline, the comment waits in the outbox and the form says so.
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod/mini';
import { newCommentSchema } from '../../../../contract/new-comment';
import { isApiClientError } from '../../../lib/api-client';
import { getArticleQueryOptions } from '../../articles/api/get-article';
import { useCreateComment } from '../api/create-comment';
import { describePostError, describeWait } from '../lib/describe-post-error';
import { clearDraft, loadDraft, newIdempotencyKey, saveDraft, stripIdentityFromDrafts, type DraftFields } from '../lib/drafts';
import type { Outbox } from '../lib/outbox';
import { useWaitReason } from '../lib/outbox-context';
import { useReadyOutbox } from '../lib/use-ready-outbox';
import { useReplyState } from '../lib/reply-context';
import { forgetIdentity, loadIdentity, saveIdentity } from '../lib/saved-identity';
import { CommentTextField, PreviewToggle } from './comment-text-field';
import { FormField } from './form-field';
import { QuoteField } from '../../quotes/components/quote-field';

const FIELDS = ['author', 'email', 'url', 'body'] as const;

const CHECK_INBOX = 'Please check your inbox: follow the link in the email we sent you to confirm that you want replies emailed to you.';

// The honeypot is not validated here: if autofill fills it, the form would
// refuse to submit without a word. It is sent as typed and the server says no.
const formSchema = z.extend(z.omit(newCommentSchema, { website2: true }), { website2: z.string() });
type FormInput = z.input<typeof formSchema>;
type FormOutput = z.output<typeof formSchema>;

interface CommentFormProps {
  slug: string;
  parentId: number | null;
  title: string;
  /** Move focus into the form when it opens (reply forms opened by a click). */
  autoFocus?: boolean;
  onCancel?: () => void;
}

function initialState(slug: string, parentId: number | null, outbox: Outbox) {
  const saved = loadDraft(slug, parentId);
  const draft = saved?.draft;
  // A draft that was posted and waits in the outbox shows there (or as "Not sent yet"),
  // not here as well: the form starts a new comment, under a key of its own.
  const posted = draft !== undefined && outbox.has(draft.idempotencyKey);
  const identity = loadIdentity();
  const values: DraftFields = {
    author: draft?.author ?? identity?.author ?? '',
    email: draft?.email ?? identity?.email ?? '',
    url: draft?.url ?? identity?.url ?? '',
    body: posted ? '' : (draft?.body ?? ''),
    quote: posted ? null : (draft?.quote ?? null),
    notify: posted ? false : (draft?.notify ?? false),
  };
  const remember = identity !== undefined || saved?.remembered === true;
  return { values, remember, idempotencyKey: !posted && draft ? draft.idempotencyKey : newIdempotencyKey() };
}

export function CommentForm({ slug, parentId, title, autoFocus = false, onCancel }: CommentFormProps) {
  const id = useId();
  const headingId = `${id}-title`;
  const { onPosted, announce } = useReplyState();
  const outbox = useReadyOutbox();
  const [initial] = useState(() => initialState(slug, parentId, outbox));
  const [remember, setRemember] = useState(initial.remember);
  // Read by the draft saver, which is subscribed once.
  const rememberRef = useRef(initial.remember);
  const [formError, setFormError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  // Created with the draft and kept across retries and reloads until the post succeeds.
  const idempotencyKey = useRef(initial.idempotencyKey);
  // Set synchronously, so a double-click cannot start a second post before the re-render disables the button.
  const posting = useRef(false);
  // Saves the form's current values as the draft (set up with the subscription below).
  const saveCurrent = useRef(() => {});
  const mutation = useCreateComment(slug);
  // Offered only where the server emails (SMTP_URL): the article (loaded with the page) says so.
  const { data: offerNotify = false } = useQuery({
    ...getArticleQueryOptions(slug),
    select: (article) => article?.replyNotifications === true,
    refetchOnMount: false,
  });
  const [confirmNotice, setConfirmNotice] = useState(false);
  const waitReason = useWaitReason(mutation.isPending ? mutation.variables.idempotencyKey : undefined);
  const waitMessage = waitReason && describeWait(waitReason);

  // Said once when the post starts waiting (and again if the reason changes), not on every render.
  useEffect(() => {
    if (waitMessage) announce(waitMessage);
  }, [waitMessage, announce]);

  const {
    register,
    handleSubmit,
    reset,
    getValues,
    control,
    setError,
    setFocus,
    subscribe,
    formState: { errors },
  } = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(formSchema),
    defaultValues: { ...initial.values, website2: '' },
    shouldFocusError: true,
  });

  // Only followed while the preview is open: typing re-renders nothing else.
  const previewText = useWatch({ control, name: 'body', disabled: !previewing }) ?? '';

  // Save what the person types, as they type it. Programmatic resets are not typing.
  useEffect(() => {
    const save = (values: Partial<FormInput>) => {
      const fields: DraftFields = {
        author: values.author ?? '',
        email: values.email ?? '',
        url: values.url ?? '',
        body: values.body ?? '',
        quote: values.quote ?? null,
        notify: values.notify ?? false,
      };
      if (FIELDS.every((name) => fields[name] === '') && !fields.quote) clearDraft(slug, parentId);
      else saveDraft(slug, parentId, fields, idempotencyKey.current, rememberRef.current);
    };
    saveCurrent.current = () => save(getValues());
    return subscribe({
      formState: { values: true },
      callback: ({ values, type }) => {
        if (type === 'change') save(values);
      },
    });
  }, [subscribe, getValues, slug, parentId]);

  useEffect(() => {
    if (!autoFocus) return;
    // Straight to the first thing left to type: the name, or the comment when the name is saved.
    setFocus(initial.values.author ? 'body' : 'author');
  }, [autoFocus, setFocus, initial]);

  const onRememberChange = (checked: boolean) => {
    setRemember(checked);
    rememberRef.current = checked;
    if (checked) {
      saveCurrent.current();
    } else {
      // Unticking is a privacy choice: forget at once, not only after the next post,
      // and take the name, email and website out of every saved draft as well.
      forgetIdentity();
      stripIdentityFromDrafts();
    }
  };

  const onSubmit = (input: FormOutput) => {
    // A second click while the first is in flight must not post again.
    if (posting.current) return;
    posting.current = true;
    setFormError(null);
    setConfirmNotice(false);
    // A box ticked in a draft saved where the server offered it counts only where it still does.
    const notify = offerNotify && input.notify;
    mutation.mutate(
      // The honeypot goes as typed: if it is filled, the server answers spam_detected.
      { input: { ...input, notify, parentId }, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (comment) => {
          // useCreateComment has cleared the draft; the next one gets a key of its own.
          idempotencyKey.current = newIdempotencyKey();
          const identity = { author: input.author, email: input.email, url: input.url };
          if (remember) saveIdentity(identity);
          else forgetIdentity();
          reset({ ...(remember ? identity : { author: '', email: '', url: '' }), body: '', notify: false, website2: '' });
          onPosted(comment.id, parentId);
          if (notify) {
            // Double opt-in: nothing is emailed until they follow the link.
            announce(`Your comment was posted. ${CHECK_INBOX}`);
            setConfirmNotice(true);
          }
        },
        onError: (error) => {
          if (isApiClientError(error) && error.code === 'idempotency_key_reused') {
            // An earlier version was stored under this key (its answer was lost, then the
            // text was edited): this text is new content, so it needs a key of its own.
            idempotencyKey.current = newIdempotencyKey();
            saveCurrent.current();
          }
          const fields = isApiClientError(error) ? (error.fields ?? {}) : {};
          const shown = [...FIELDS, 'quote' as const].filter((name) => fields[name]);
          shown.forEach((name, index) => setError(name, { type: 'server', message: fields[name] }, { shouldFocus: index === 0 }));
          if (shown.length === 0) setFormError(describePostError(error));
        },
        onSettled: () => {
          posting.current = false;
        },
      },
    );
  };

  const Heading = parentId === null ? 'h2' : 'h3';
  return (
    <div className={parentId === null ? 'comment-form' : 'comment-form is-reply'}>
      <Heading id={headingId} className="comment-form-title">
        {title}
      </Heading>
      <form
        noValidate
        aria-labelledby={headingId}
        onSubmit={(event) => void handleSubmit(onSubmit)(event)}
        onKeyDown={
          // Escape closes a reply form as "Cancel reply" does (the draft stays saved), unless an IME is
          // composing or a post is in flight (the form must stay until it has been answered).
          onCancel &&
          ((event) => {
            if (event.key !== 'Escape' || event.nativeEvent.isComposing || event.defaultPrevented) return;
            if (mutation.isPending) return;
            event.preventDefault();
            onCancel();
          })
        }
      >
        <p className="form-note">
          {/* Said as words, since screen readers skip or mangle a lone asterisk. */}
          Required fields are marked <span aria-hidden="true">*</span>
          <span className="visually-hidden">with an asterisk</span>
        </p>
        <FormField
          id={`${id}-author`}
          label="Name"
          required
          autoComplete="name"
          registration={register('author')}
          error={errors.author?.message}
          readOnly={mutation.isPending}
        />
        <FormField
          id={`${id}-email`}
          label="Email"
          type="email"
          required
          autoComplete="email"
          hint="Your email address will not be published."
          registration={register('email')}
          error={errors.email?.message}
          readOnly={mutation.isPending}
        />
        <FormField
          id={`${id}-url`}
          label="Website"
          type="url"
          autoComplete="url"
          registration={register('url')}
          error={errors.url?.message}
          readOnly={mutation.isPending}
        />
        {parentId === null && (
          <QuoteField slug={slug} control={control} disabled={mutation.isPending} focusComment={() => setFocus('body')} />
        )}
        <CommentTextField
          id={id}
          registration={register('body')}
          error={errors.body?.message}
          readOnly={mutation.isPending}
          preview={previewing ? previewText : null}
        />
        {/* Honeypot: hidden from people and from the tab order; bots fill it in. */}
        <div hidden>
          <label htmlFor={`${id}-website2`}>Leave this field empty</label>
          <input id={`${id}-website2`} type="text" tabIndex={-1} autoComplete="off" {...register('website2')} />
        </div>
        {offerNotify && (
          <p className="field field-checkbox">
            <input id={`${id}-notify`} type="checkbox" aria-describedby={`${id}-notify-hint`} {...register('notify')} />
            <span>
              <label htmlFor={`${id}-notify`}>Notify me of follow-up replies via email</label>
              <span id={`${id}-notify-hint`} className="field-hint">
                We will email you a link to confirm this first.
              </span>
            </span>
          </p>
        )}
        <p className="field field-checkbox">
          <input
            id={`${id}-remember`}
            type="checkbox"
            checked={remember}
            onChange={(event) => onRememberChange(event.target.checked)}
          />
          <label htmlFor={`${id}-remember`}>Save my name, email, and website in this browser for the next time I comment.</label>
        </p>
        {formError && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        {waitMessage && <p className="form-notice">{waitMessage}</p>}
        {confirmNotice && <p className="form-notice">{CHECK_INBOX}</p>}
        <p className="form-actions">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            Post Comment
          </button>
          <PreviewToggle id={id} previewing={previewing} onToggle={() => setPreviewing((on) => !on)} />
          {onCancel && (
            <button type="button" className="button" onClick={onCancel} disabled={mutation.isPending}>
              Cancel reply
            </button>
          )}
        </p>
      </form>
    </div>
  );
}

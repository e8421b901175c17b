#!/usr/bin/env escript
%% -*- erlang -*-
%%! +P 1048576
%% The Erlang/OTP peer of `make bench`'s cluster rows: the same workloads
%% as bench/cluster.sh, between two Erlang nodes on this machine (Erlang
%% distribution over TCP, `-sname`, started with the peer module).
%% Prints "key value" lines.
%%
%%	escript peer_dist.erl SECS SPAWNS
-module(peer_dist).
-export([main/1, counter/1, ponger/0, done/0]).
-mode(compile).

main([Secs0, N0]) ->
    Secs = number(Secs0),
    N = list_to_integer(N0),
    os:cmd("epmd -daemon"),
    Self = list_to_atom("fbbench_a" ++ os:getpid()),
    {ok, _} = net_kernel:start([Self, shortnames]),
    {ok, Peer, Node} = peer:start_link(#{name => peer:random_name(fbbench_b),
                                        connection => 0}),
    %% The other node runs this module's functions: compile this file (less
    %% its escript header) and load it there.
    {ok, Src} = file:read_file(escript:script_name()),
    Body = [L || L <- binary:split(Src, <<"\n">>, [global]),
                 binary:part(L, 0, min(2, byte_size(L))) =/= <<"#!">>,
                 binary:part(L, 0, min(3, byte_size(L))) =/= <<"%%!">>],
    Tmp = filename:join(os:getenv("TMPDIR", "/tmp"),
                        "peer_dist" ++ os:getpid() ++ ".erl"),
    ok = file:write_file(Tmp, lists:join(<<"\n">>, Body)),
    {ok, Mod, Bin} = compile:file(Tmp, [binary]),
    file:delete(Tmp),
    {module, Mod} = erpc:call(Node, code, load_binary, [Mod, Tmp, Bin]),
    out("node_msgs_16", throughput(Node, Secs, 16)),
    out("node_msgs_4096", throughput(Node, Secs, 4096)),
    {PP50, PP99} = pingpong(Node, Secs),
    out("node_pp_p50_us", PP50),
    out("node_pp_p99_us", PP99),
    {S50, S99} = spawn_latency(Node, N),
    out("node_spawn_p50_ms", S50 / 1000),
    out("node_spawn_p99_ms", S99 / 1000),
    peer:stop(Peer);
main(_) ->
    io:format(standard_error, "usage: peer_dist.erl SECS SPAWNS~n", []),
    halt(2).

number(S) ->
    case string:to_float(S) of
        {F, []} -> F;
        _ -> list_to_integer(S)
    end.

out(K, V) when is_integer(V) -> io:format("~s ~b~n", [K, V]);
out(K, V) -> io:format("~s ~.4f~n", [K, V]).

now_us() -> erlang:monotonic_time(nanosecond) / 1000.

pct(L, P) ->
    S = lists:sort(L),
    I = max(1, ceil(P * length(S))),
    lists:nth(I, S).

counter(N) ->
    receive
        {m, _} -> counter(N + 1);
        {stop, From} -> From ! {count, N}
    end.

send_n(_, _, 0) -> ok;
send_n(Pid, Msg, K) -> Pid ! Msg, send_n(Pid, Msg, K - 1).

send_loop(Pid, Msg, End, Sent) ->
    case now_us() < End of
        true -> send_n(Pid, Msg, 500), send_loop(Pid, Msg, End, Sent + 500);
        false -> Sent
    end.

%% One-way messages/s to a counter on the other node: what it received.
throughput(Node, Secs, Size) ->
    Pid = spawn(Node, ?MODULE, counter, [0]),
    Msg = {m, binary:copy(<<"x">>, Size)},
    T0 = now_us(),
    send_loop(Pid, Msg, T0 + Secs * 1000000, 0),
    Pid ! {stop, self()},
    receive {count, K} -> K / ((now_us() - T0) / 1000000) end.

done() -> ok.

ponger() ->
    receive
        {ping, From, V} -> From ! {pong, V}, ponger();
        stop -> ok
    end.

ping_loop(Pid, End, Acc) ->
    T1 = now_us(),
    case T1 < End of
        true ->
            Pid ! {ping, self(), <<"0123456789abcdef">>},
            receive {pong, _} -> ok end,
            ping_loop(Pid, End, [now_us() - T1 | Acc]);
        false -> Acc
    end.

pingpong(Node, Secs) ->
    Pid = spawn(Node, ?MODULE, ponger, []),
    L = ping_loop(Pid, now_us() + Secs * 1000000, []),
    Pid ! stop,
    {pct(L, 0.5), pct(L, 0.99)}.

%% spawn_monitor on the other node -> 'DOWN', one at a time.
spawn_latency(Node, N) ->
    L = [begin
             T0 = now_us(),
             {Pid, Ref} = spawn_monitor(Node, ?MODULE, done, []),
             receive {'DOWN', Ref, process, Pid, normal} -> ok end,
             now_us() - T0
         end || _ <- lists:seq(1, N)],
    {pct(L, 0.5), pct(L, 0.99)}.
